// docs/migration/migrate.mjs against a private PostgreSQL: a time2fa-style
// user table (TouchGal's shape) moved to twofa in place, in batches, twice
// (the second run changes nothing), users signing in with their old
// authenticator entry and old backup codes, then the plain columns erased;
// and the script run from the command line as the guide says.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import { createTwoFactor, generateSecret, totp } from 'twofa';
import { startPostgres } from '../support/postgres.mjs';

const SCRIPT = fileURLToPath(new URL('../../docs/migration/migrate.mjs', import.meta.url));
const K1 = 'migration-key-0123456789abcdef01234567';
const START = 1_700_000_000_000;
process.env.MIGRATE_BATCH = '2'; // several batches from five users
const { importUsers, erasePlainColumns } = await import(SCRIPT);

let db;
let pool;
before(async () => {
  db = await startPostgres();
  pool = new pg.Pool({ ...db.config, max: 4 });
  await pool.query(`CREATE TABLE "user" (id serial PRIMARY KEY, name text, enable_2fa boolean NOT NULL DEFAULT false,
    two_factor_secret varchar(255) NOT NULL DEFAULT '', two_factor_backup jsonb NOT NULL DEFAULT '[]')`);
});
after(async () => {
  await pool?.end();
  db?.destroy();
});

const OLD_CODES = ['123456', '654321', 'ABCDEF12'];
const secrets = { alice: generateSecret(), bob: generateSecret() };

test('users move to twofa in place; a second run changes nothing; old factors keep working; the plain columns go', async () => {
  const insert = (name, enabled, secret, codes) => pool.query(
    'INSERT INTO "user" (name, enable_2fa, two_factor_secret, two_factor_backup) VALUES ($1, $2, $3, $4) RETURNING id',
    [name, enabled, secret, JSON.stringify(codes)]).then((r) => r.rows[0].id);
  const ids = {
    alice: await insert('alice', true, secrets.alice, OLD_CODES),
    bob: await insert('bob', true, `${secrets.bob.toLowerCase().match(/.{4}/g).join(' ')}===`, []), // as typed, odd padding
    carol: await insert('carol', false, '', []),
    dave: await insert('dave', true, 'not base32!', ['111111']),
    erin: await insert('erin', true, generateSecret(), ['222222']),
  };
  const clock = { now: START };
  const twofa = createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: K1 } }, now: () => clock.now });
  // Erin enrolled through twofa before the script ran: her row must be left alone.
  await pool.query('ALTER TABLE "user" ADD COLUMN sealed_secret varchar(255)');
  await pool.query('UPDATE "user" SET sealed_secret = $2 WHERE id = $1', [ids.erin, 'tf1.k1.enrolled-meanwhile']);

  const report = await importUsers(pool, twofa);
  assert.equal(report.migrated, 2);
  assert.deepEqual(report.skipped.map((s) => s.id), [ids.dave]);
  assert.match(report.skipped[0].reason, /not valid base32/);
  assert.deepEqual(report.warnings.map((w) => [w.id, w.warning.split(':')[0]]), [[ids.bob, 'SECRET_PADDING']]);
  const again = await importUsers(pool, twofa);
  assert.equal(again.migrated, 0, 'a second run changes nothing');
  assert.deepEqual(again.skipped.map((s) => s.id), [ids.dave]);

  const rows = Object.fromEntries((await pool.query('SELECT * FROM "user" ORDER BY id')).rows.map((r) => [r.name, r]));
  assert.equal(rows.erin.sealed_secret, 'tf1.k1.enrolled-meanwhile');
  assert.equal(rows.carol.sealed_secret, null);
  assert.equal(rows.dave.sealed_secret, null);
  assert.equal(rows.alice.last_used_step, Math.floor(START / 30_000));
  const user = (row) => ({ sealedSecret: row.sealed_secret, lastUsedStep: row.last_used_step, backupRecord: row.backup_record });
  // The code on screen during the import is refused (it could have been seen); the next one signs in.
  const login = (name, code) => twofa.verifyCode({ userId: ids[name], code, user: user(rows[name]) });
  await assert.rejects(login('alice', totp({ secret: secrets.alice, timestamp: clock.now })), { code: 'CODE_ALREADY_USED' });
  clock.now += 30_000;
  assert.equal((await login('alice', totp({ secret: secrets.alice, timestamp: clock.now }))).method, 'totp');
  assert.equal((await login('bob', totp({ secret: secrets.bob, timestamp: clock.now }))).method, 'totp');
  const backup = await login('alice', 'abcdef12');
  assert.equal(backup.backupRemaining, 2, 'an old backup code works once');

  assert.equal(await erasePlainColumns(pool), 3, 'alice, bob, and erin (held by twofa)');
  assert.equal(await erasePlainColumns(pool), 0);
  const erased = (await pool.query(`SELECT name FROM "user" WHERE two_factor_secret = '' AND two_factor_backup::text = '[]' ORDER BY id`)).rows.map((r) => r.name);
  assert.deepEqual(erased, ['alice', 'bob', 'carol', 'erin']);
});

test('from the command line: exit code 1 names the rows it could not read; --erase reports its count', async () => {
  const env = { ...process.env, DATABASE_URL: db.url, TWOFA_KEYS: `k1:${K1}` };
  const run = promisify(execFile);
  const failed = await run(process.execPath, [SCRIPT], { env }).catch((e) => e);
  assert.equal(failed.code, 1);
  assert.match(failed.stdout, /^migrated 0 users$/m);
  assert.match(failed.stderr, /^user \d+ NOT migrated: .*not valid base32/m);
  const erase = await run(process.execPath, [SCRIPT, '--erase'], { env });
  assert.equal(erase.stdout, 'erased the plain 2FA columns of 0 users\n');
});
