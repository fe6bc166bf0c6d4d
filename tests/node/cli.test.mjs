// The `twofa` command as a user runs it: `node dist/cli.cjs ...` in a child
// process, asserting its output and exit code. Codes are checked against
// oathtool (OATH Toolkit), an implementation independent of twofa; QR codes
// are decoded by ZBar; tokens and sealed values come from the built package.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildUri, generateBackupCodes, generateSecret, importBackupCodes, KeyRing } from 'twofa';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(root, 'dist/cli.cjs');
const KEY1 = 'first-key-0123456789abcdef0123456789';
const KEY2 = 'second-key-0123456789abcdef012345678';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Runs the built command; TWOFA_KEYS comes only from `env`, never from the test's own environment. */
function twofa(args, { env = {}, input } = {}) {
  const { TWOFA_KEYS: _, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...inherited, ...env }, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A failure as the contract says: exit 2, a message on stderr, nothing on stdout, no stack trace. */
function assertInputError(result, pattern) {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

const oathtool = (args) => execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
const seconds = (ms) => `--now=@${Math.floor(ms / 1000)}`;

test('--help on the command and on each subcommand, --version, usage errors', () => {
  const overview = twofa(['--help']);
  assert.equal(overview.status, 0);
  for (const name of ['keygen', 'code', 'qr', 'verify', 'inspect']) {
    assert.match(overview.stdout, new RegExp(`^  ${name} `, 'm'));
    for (const args of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const help = twofa(args);
      assert.equal(help.status, 0, args.join(' '));
      assert.match(help.stdout, new RegExp(`^Usage: twofa ${name}`), args.join(' '));
    }
  }
  const version = twofa(['--version']);
  assert.deepEqual([version.status, version.stdout], [0, `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`]);
  const bare = twofa([]);
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /^Usage: twofa <command>/);
  assertInputError(twofa(['code', SECRET, '--windw', '2']), /^twofa code: unknown option --windw\nRun `twofa code --help`/);
  assertInputError(twofa(['verify', SECRET]), /missing <code>/);
  assertInputError(twofa(['verify', SECRET, '123456', '--window']), /--window needs a value/);
  assertInputError(twofa(['verify', SECRET, '123456', '--window', 'two']), /--window expects a whole number/);
  assertInputError(twofa(['code', SECRET, '--time', 'yesterday']), /--time expects milliseconds since 1970 .* or an ISO 8601 time/);
});

test('no secret is echoed in an error: not a misplaced one, not an extra argument', () => {
  const secret = generateSecret();
  for (const args of [[secret], ['code', 'x', secret], ['code', `--${secret}`], ['verify', secret, '12345x'], ['inspect', secret], ['qr', secret]]) {
    const result = twofa(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.ok(!result.stderr.includes(secret) && !result.stdout.includes(secret), `${args[0]}: ${result.stderr}`);
  }
});

test('keygen: 32 random bytes as the TWOFA_KEYS line, a key the key ring accepts', () => {
  const lines = [twofa(['keygen']), twofa(['keygen', '--id', 'prod-2026'])].map(({ status, stdout, stderr }) => {
    assert.deepEqual([status, stderr], [0, '']);
    return stdout;
  });
  const [, key] = /^TWOFA_KEYS=k1:([A-Za-z0-9_-]+)\n$/.exec(lines[0]);
  const [, other] = /^TWOFA_KEYS=prod-2026:([A-Za-z0-9_-]+)\n$/.exec(lines[1]);
  assert.equal(Buffer.from(key, 'base64url').length, 32);
  assert.equal(Buffer.from(key, 'base64url').toString('base64url'), key, 'base64url without padding');
  assert.notEqual(key, other);
  const ring = new KeyRing({ current: 'k1', keys: { k1: key } });
  assert.equal(ring.open(ring.seal(SECRET, 'user-1'), 'user-1'), SECRET);
  assertInputError(twofa(['keygen', '--id', 'no spaces']), /INVALID_OPTION/);
  assertInputError(twofa(['keygen', 'extra']), /1 argument\(s\) too many; expected none/);
});

test('keygen with TWOFA_KEYS set: the rotated value keeps the old keys after the new current one', () => {
  const env = { TWOFA_KEYS: `k1:${KEY1}` };
  const result = twofa(['keygen'], { env });
  assert.equal(result.status, 0, result.stderr);
  const [fresh, explanation, rotated, extra] = result.stdout.split('\n');
  assert.equal(extra, '');
  const [, key] = /^TWOFA_KEYS=k2:([A-Za-z0-9_-]{43})$/.exec(fresh);
  assert.match(explanation, /^# TWOFA_KEYS is already set \(current key k1\)\. To rotate/);
  assert.equal(rotated, `TWOFA_KEYS=k2:${key},k1:${KEY1}`);
  // What the old key sealed still opens with the rotated keys, and new values use k2.
  const sealed = new KeyRing({ current: 'k1', keys: { k1: KEY1 } }).seal(SECRET, 'user-1');
  const ring = new KeyRing({ current: 'k2', keys: { k2: key, k1: KEY1 } });
  assert.equal(ring.open(sealed, 'user-1'), SECRET);
  assert.ok(ring.needsRotation(sealed));

  const third = twofa(['keygen'], { env: { TWOFA_KEYS: `k2:${KEY2},k1:${KEY1}` } });
  assert.match(third.stdout.split('\n')[2], new RegExp(`^TWOFA_KEYS=k3:[A-Za-z0-9_-]{43},k2:${KEY2},k1:${KEY1}$`));
  assertInputError(twofa(['keygen', '--id', 'k1'], { env }), /key id k1 is already in TWOFA_KEYS; choose another with --id/);
  for (const bad of ['k1', `:${KEY1}`, `${KEY1}`]) {
    const failed = twofa(['keygen'], { env: { TWOFA_KEYS: bad } });
    assertInputError(failed, /^twofa keygen: TWOFA_KEYS is not in the form "id:key,id:key".*\(KEY_NOT_FOUND\)$/m);
    assert.ok(!failed.stderr.includes(KEY1), 'keys are not echoed');
  }
  assertInputError(twofa(['keygen'], { env: { TWOFA_KEYS: 'k1:short' } }), /key `k1` has 5 bytes.*\(KEY_TOO_SHORT\)/);
});

test('code: identical to oathtool --totp -b, now and at 12 random times for random secrets', () => {
  const before = oathtool(['--totp', '-b', SECRET]);
  const now = twofa(['code', SECRET]);
  const after = oathtool(['--totp', '-b', SECRET]);
  assert.equal(now.status, 0);
  assert.ok([before, after].includes(now.stdout.trim()), `${now.stdout} vs ${before}/${after}`);
  assert.match(now.stdout, /^\d{6}\n$/);
  for (let i = 0; i < 12; i++) {
    const secret = generateSecret({ bytes: 16 + Math.floor(Math.random() * 49) });
    const at = Math.floor(Math.random() * 4e12);
    assert.equal(twofa(['code', secret, '--time', String(at)]).stdout.trim(), oathtool(['--totp', '-b', seconds(at), secret]), `${secret} at ${at}`);
  }
  // The same instant as milliseconds and as ISO 8601; lower case and spaces as people type secrets.
  const iso = twofa(['code', 'jbsw y3dp ehpk 3pxp', '--time', '2026-01-01T00:00:00Z']).stdout;
  assert.equal(iso, twofa(['code', 'JBSWY3DPEHPK3PXP', '--time', String(Date.UTC(2026, 0, 1))]).stdout);
  assert.equal(iso.trim(), oathtool(['--totp', '-b', seconds(Date.UTC(2026, 0, 1)), 'JBSWY3DPEHPK3PXP']));
  // From standard input: the secret stays out of the arguments.
  assert.equal(twofa(['code', '-', '--time', '59000'], { input: `${SECRET}\n` }).stdout.trim(), oathtool(['--totp', '-b', '--now=@59', SECRET]));
});

test('code: an otpauth URI\'s algorithm, digits and period apply, as oathtool computes them', () => {
  for (const [algorithm, digits, period] of [['SHA1', 6, 30], ['SHA256', 8, 60], ['SHA512', 7, 15], ['SHA1', 8, 90]]) {
    const secret = generateSecret();
    const uri = buildUri({ secret, account: 'alice@example.com', issuer: 'Acme', algorithm, digits, period });
    const at = Math.floor(Math.random() * 4e12);
    const expected = oathtool([`--totp=${algorithm.toLowerCase()}`, `--digits=${digits}`, `--time-step-size=${period}s`, '-b', seconds(at), secret]);
    assert.equal(twofa(['code', uri, '--time', String(at)]).stdout.trim(), expected, uri);
  }
  const hotpUri = buildUri({ type: 'hotp', secret: SECRET, account: 'alice', issuer: 'Acme', counter: 7, digits: 8 });
  assert.equal(twofa(['code', hotpUri]).stdout.trim(), oathtool(['-b', '--counter=7', '--digits=8', SECRET]));
  assert.equal(twofa(['code', hotpUri, '--counter', '1000']).stdout.trim(), oathtool(['-b', '--counter=1000', '--digits=8', SECRET]));
  assertInputError(twofa(['code', hotpUri, '--time', '0']), /--time applies to TOTP/);
  assertInputError(twofa(['code', SECRET, '--counter', '1']), /--counter applies to HOTP URIs/);
  assertInputError(twofa(['code', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5']), /\(INVALID_URI\)$/m);
  assertInputError(twofa(['code', 'not base32!']), /^twofa code: secret is not valid base32.*\(INVALID_BASE32\)$/m);
});

test('verify: exit 0 with the step and drift, 1 when not valid, 2 on bad input', () => {
  const at = Date.UTC(2026, 5, 1, 12, 0, 10);
  const step = Math.floor(at / 30_000);
  const codeAt = (ms) => oathtool(['--totp', '-b', seconds(ms), SECRET]);
  const time = ['--time', String(at)];
  assert.deepEqual(twofa(['verify', SECRET, codeAt(at), ...time]), { status: 0, stdout: `valid: step ${step}, drift 0\n`, stderr: '' });
  assert.deepEqual(twofa(['verify', SECRET, codeAt(at - 30_000), ...time]), { status: 0, stdout: `valid: step ${step - 1}, drift -1\n`, stderr: '' });
  assert.equal(twofa(['verify', SECRET, codeAt(at + 60_000), ...time, '--window', '2']).stdout, `valid: step ${step + 2}, drift 2\n`);
  assert.deepEqual(twofa(['verify', SECRET, codeAt(at - 30_000), ...time, '--window', '0']), { status: 1, stdout: 'invalid\n', stderr: '' });
  assert.deepEqual(twofa(['verify', SECRET, codeAt(at - 90_000), ...time]), { status: 1, stdout: 'invalid\n', stderr: '' });
  const current = twofa(['verify', SECRET, oathtool(['--totp', '-b', SECRET])]);
  assert.equal(current.status, 0, current.stdout);
  assert.match(current.stdout, /^valid: step \d+, drift (0|-1)\n$/);
  assertInputError(twofa(['verify', SECRET, '12345x']), /^twofa verify: the code must be exactly 6 digits.*\(INVALID_CODE_FORMAT\)$/m);
  assertInputError(twofa(['verify', SECRET, '123456', '--window', '11']), /\(INVALID_OPTION\)$/m);
  const hotpUri = buildUri({ type: 'hotp', secret: SECRET, account: 'alice', counter: 5 });
  const hotpCode = oathtool(['-b', '--counter=7', SECRET]);
  assert.equal(twofa(['verify', hotpUri, hotpCode]).status, 1, 'HOTP checks the URI counter alone by default');
  assert.deepEqual(twofa(['verify', hotpUri, hotpCode, '--window', '2']), { status: 0, stdout: 'valid: counter 7 (the next code is counter 8)\n', stderr: '' });
});

/** The modules of a terminal QR code (half blocks, light modules drawn) as a PBM image ZBar can read. */
function terminalQrToPbm(text, scale = 6) {
  const rows = text.replace(/\n$/, '').split('\n').flatMap((line) => {
    const cells = [...line];
    return [cells.map((c) => (c === '█' || c === '▀' ? 0 : 1)), cells.map((c) => (c === '█' || c === '▄' ? 0 : 1))];
  });
  const scaled = rows.flatMap((row) => Array(scale).fill(row.flatMap((bit) => Array(scale).fill(bit)).join(' ')));
  return `P1\n${rows[0].length * scale} ${rows.length * scale}\n${scaled.join('\n')}\n`;
}

test('qr: a terminal QR code that decodes to the URI, the URI\'s warnings on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twofa-cli-qr-'));
  try {
    const uris = [
      buildUri({ secret: generateSecret(), account: 'alice@example.com', issuer: 'Acme Co' }),
      'otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&digits=8',
    ];
    for (const [i, uri] of uris.entries()) {
      const result = twofa(['qr', uri]);
      assert.equal(result.status, 0, result.stderr);
      writeFileSync(join(dir, `${i}.pbm`), terminalQrToPbm(result.stdout));
      assert.equal(execFileSync('zbarimg', ['--quiet', '--raw', join(dir, `${i}.pbm`)], { encoding: 'utf8' }).trim(), uri);
      if (i === 0) assert.equal(result.stderr, '');
      else assert.match(result.stderr, /^warning: SHORT_SECRET: .*\nwarning: NO_ISSUER: .*\nwarning: UNCOMMON_DIGITS: /);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assertInputError(twofa(['qr', 'https://example.com/']), /^twofa qr: .*\(INVALID_URI\)$/m);
});

test('inspect: key id, kind, a token\'s purpose and times; never its subject, data or anything sealed', () => {
  const ring = new KeyRing({ current: 'k1', keys: { k1: KEY1 } });
  const now = Date.now();
  const enrollment = ring.issueToken({ purpose: 'twofa.enroll', subject: 'user-42', ttlSeconds: 900, data: SECRET, timestamp: now });
  const expired = ring.issueToken({ purpose: 'twofa.challenge', subject: 'user-42', ttlSeconds: 600, timestamp: now - 3_600_000 });
  const sealed = ring.seal(SECRET, 'user-42');
  const keys = { TWOFA_KEYS: `k1:${KEY1}` };
  const iso = (ms) => new Date(ms).toISOString().replace(/\./g, '\\.');
  const outputs = [];
  const inspect = (value, env = keys) => {
    const result = twofa(['inspect', value], { env });
    assert.equal(result.status, 0, result.stderr);
    outputs.push(result.stdout);
    return result.stdout;
  };

  const token = inspect(enrollment);
  assert.match(token, /^kind: +token\npurpose: +twofa\.enroll\nkey id: +k1 \(the current key\)\n/);
  assert.match(token, new RegExp(`issued at: +${iso(now)} \\(\\d+ s ago\\)\nexpires at: +${iso(now + 900_000)} \\(in 15 min\\)\n$`));
  assert.match(inspect(expired), new RegExp(`purpose: +twofa\\.challenge\n[^]*expires at: +${iso(now - 3_000_000)} \\(expired 50 min ago\\)\n$`));
  assert.match(inspect(sealed), /^kind: +a sealed value \(not a token for twofa\.enroll, twofa\.challenge, [^)]*\); a sealed user secret opens only with its user id, which inspect does not guess\nkey id: +k1 \(the current key\)\n$/);
  assert.match(inspect(sealed, { TWOFA_KEYS: `k2:${KEY2},k1:${KEY1}` }), /key id: +k1 \(an older key; the current one is k2\)/);
  assert.match(inspect(enrollment, { TWOFA_KEYS: `k2:${KEY2}` }), /key id: +k1, which is not in TWOFA_KEYS: restore that key .*\(KEY_NOT_FOUND\)/);
  assert.equal(inspect(enrollment, {}), 'kind:   a sealed value or a token; set TWOFA_KEYS to tell which and to read a token\'s times\nkey id: k1\n');
  const record = importBackupCodes([...generateBackupCodes({ count: 4 }), '123456', '654321'], 'user-42');
  assert.equal(inspect(record), 'kind:       backup-code record, bound to its user (Argon2id m=19456, t=2, p=1)\ncodes left: 6\n');
  const device = ring.issueToken({ purpose: 'twofa.device', subject: 'user-42', ttlSeconds: 86_400 * 30, data: 'device-data' });
  assert.match(inspect(device), /^kind: +token\npurpose: +twofa\.device\n[^]*\(in 30 days\)\n$/, 'every purpose of the flows is tried');
  const seconds = (text) => text.replace(/\(\d+ s ago\)/, '(s ago)');
  assert.equal(seconds(twofa(['inspect', '-'], { env: keys, input: `${enrollment}\n` }).stdout), seconds(token), 'from standard input');
  for (const output of outputs) assert.ok(!/user-42|device-data|123456/.test(output) && !output.includes(SECRET), output);

  assertInputError(twofa(['inspect', 'hello']), /^twofa inspect: not a twofa sealed value, token or backup-code record/);
  assertInputError(twofa(['inspect', `${sealed.slice(0, -4)}!!!!`], { env: keys }), /not a twofa sealed value/);
  assertInputError(twofa(['inspect', `tf1.k1.${'A'.repeat(10)}`], { env: keys }), /\(SEAL_MALFORMED\)$/m);
  assertInputError(twofa(['inspect', 'tfb1$m=19456,t=2,p=1$AAAA$BBBB']), /not bound to its user.*\(BACKUP_RECORD_MALFORMED\)$/m);
});
