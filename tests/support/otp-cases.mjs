// Calls of the OTP, secret and URI functions over many inputs, valid and
// not: secrets of many lengths and spellings (invalid base32 too), every
// algorithm name, digits, periods, windows, timestamps, names with Unicode,
// reserved and control characters, values too long for a module's buffer.
// Each case's outcome is its result, or its error's code and message: two
// builds of these functions must give the same outcome for every case
// (tests/node/otp-buffer.test.mjs; the lite build's buffer ABI was also
// compared with the build before it this way).

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HUGE = 20_000; // longer than any module's input buffer

/** [name, (lib) => outcome] pairs, `count` of them from `seed`. */
export function otpCases(count = 3000, seed = 15) {
  const rnd = random(seed);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (list) => list[int(list.length)];
  const base32 = (n) => Array.from({ length: n }, () => BASE32[int(32)]).join('');
  const secret = () => pick([
    () => base32(pick([16, 26, 32, 52, 56, 64, 103, 2, 4, 5, 7, 8])),
    () => base32(32).toLowerCase(),
    () => base32(16).replace(/(.{4})/g, '$1 ').trim(),
    () => base32(16).replace(/(.{4})/g, '$1-'),
    () => `${base32(12)}\t${base32(4)}`,
    () => `${base32(pick([2, 4, 5, 7, 10, 13]))}${'='.repeat(int(8))}`,
    () => `${base32(8)}=${base32(8)}`,
    () => `${base32(8)}${pick(['0', '1', '8', '9', '!', 'é', '😀', '\u0000', '.'])}${base32(7)}`,
    () => pick(['', ' ', '-', '===', 'A', 'ABC', 'ABCDEF', 'A'.repeat(1024), 'A'.repeat(1025), 'a'.repeat(HUGE), '7'.repeat(1024), `${'A'.repeat(1023)}é`]),
    () => base32(int(40)),
  ])();
  // Mostly valid values, so that most calls get past the checks of the others.
  const often = (valid, invalid) => (rnd() < 0.9 ? pick(valid) : pick(invalid));
  const algorithm = () => often([undefined, undefined, 'SHA1', 'SHA256', 'SHA512', 'sha-1', 'Sha-256', 'sha512', 'SHA-512'], ['MD5', '', 'SHA3', 'x'.repeat(HUGE)]);
  const digits = () => often([undefined, 6, 7, 8, 10], [5, 11, 0, 6.5, -6, 1000, 1001, NaN]);
  const period = () => often([undefined, 30, 60, 1, 15, 2 ** 53 - 1], [0, -30, 1.5, 2 ** 53, Infinity]);
  const timestamp = () => often([undefined, 0, 59_000, 1_111_111_109_000, 1_234_567_890_000, 2_000_000_000_123, 20_000_000_000_000, 8.64e15, 1e3 * int(2e9) + int(1000), 0.5], [8.64e15 + 1, -1, NaN]);
  const counter = () => often([0, 1, 2, 9, 1234, 2 ** 32, 2 ** 53 - 1, int(1e6)], [2 ** 53, -1, 1.5, NaN]);
  const window = () => often([undefined, 0, 1, 2, 5, 10], [11, -1, 1.5]);
  const lookAhead = () => often([undefined, 0, 1, 10, 100], [101, -1, 2.5]);
  const afterStep = () => often([undefined, null, 0, 41_152_263, 41_152_262, 1e9], [-1, 1.5, 2 ** 53]);
  const name = () => pick([
    'alice@example.com', 'bob', ' Acme Co ', 'Ünïcödé 名前 😀', 'a:b', 'A:B', ':', '', '   ', '\u00a0x\u2003', 'a\nb', 'tab\there', '\u0085x',
    'a+b&c=d?e#f/g%h', 'x'.repeat(256), 'x'.repeat(257), 'é'.repeat(128), 'é'.repeat(129), ` ${'y'.repeat(256)} `,
    `${' '.repeat(HUGE)}bob${' '.repeat(HUGE)}`, 'z'.repeat(HUGE), `${'z'.repeat(HUGE)}:`, '\ufeffbom',
  ]);
  const image = () => often([undefined, undefined, '', 'https://example.com/logo.png?a=b&c=d é', 'i'.repeat(2048)], ['i'.repeat(2049), 'i'.repeat(HUGE)]);
  const type = () => often([undefined, undefined, 'totp', 'hotp', 'TOTP', 'Hotp'], ['motp', '', 't'.repeat(HUGE)]);
  const code = () => pick(['123456', '000000', '12345', '1234567', '12345678', '1234567890', 'abcdef', '12 456', '１２３４５６', '', '9'.repeat(HUGE)]);
  const opts = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

  const cases = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 9;
    if (kind === 0) {
      const o = opts({ secret: secret(), algorithm: algorithm(), digits: digits(), timestamp: timestamp() ?? 59_000, period: period() });
      cases.push([`totp ${JSON.stringify(o).slice(0, 120)}`, (t) => t.totp(o)]);
    } else if (kind === 1) {
      const o = opts({ secret: secret(), algorithm: algorithm(), digits: digits(), counter: counter() });
      cases.push([`hotp ${JSON.stringify(o).slice(0, 120)}`, (t) => t.hotp(o)]);
    } else if (kind === 2 || kind === 3) {
      // A code of the right shape, often the current one, sometimes a nearby step's.
      const o = opts({ secret: secret(), algorithm: algorithm(), digits: digits(), timestamp: timestamp() ?? 1_234_567_890_000, period: period(), window: window(), afterStep: afterStep() });
      const shift = pick([0, 0, -1, 1, -2, 3, 11]) * 1000 * (typeof o.period === 'number' && o.period > 0 && o.period < 1e6 ? o.period : 30);
      const given = pick([null, null, code()]);
      cases.push([`verifyTotp ${JSON.stringify(o).slice(0, 120)} ${shift}`, (t) => {
        let c = given;
        if (c === null) {
          try { c = t.totp(opts({ ...o, timestamp: (o.timestamp ?? 0) + shift, window: undefined, afterStep: undefined })); } catch { c = '123456'; }
        }
        return t.verifyTotp({ ...o, code: c, timestamp: o.timestamp });
      }]);
    } else if (kind === 4) {
      const o = opts({ secret: secret(), algorithm: algorithm(), digits: digits(), counter: counter(), lookAhead: lookAhead() });
      const ahead = pick([0, 1, 5, 100, 101]);
      const given = pick([null, code()]);
      cases.push([`verifyHotp ${JSON.stringify(o).slice(0, 120)} ${ahead}`, (t) => {
        let c = given;
        if (c === null) {
          try { c = t.hotp(opts({ ...o, lookAhead: undefined, counter: o.counter + ahead })); } catch { c = '123456'; }
        }
        return t.verifyHotp({ ...o, code: c });
      }]);
    } else if (kind === 5 || kind === 6) {
      const o = opts({ type: type(), secret: secret(), account: name(), issuer: pick([undefined, null, name()]), algorithm: algorithm(), digits: digits(), period: period(), counter: pick([undefined, counter()]), image: image() });
      cases.push([`buildUri ${JSON.stringify(o).slice(0, 120)}`, (t) => t.buildUri(o)]);
    } else if (kind === 7) {
      const s = secret();
      cases.push([`formatSecret ${JSON.stringify(s).slice(0, 60)}`, (t) => t.formatSecret(s)]);
      cases.push([`normalizeSecret ${JSON.stringify(s).slice(0, 60)}`, (t) => t.normalizeSecret(s)]);
    } else {
      const bytes = pick([undefined, 16, 20, 32, 64, 15, 65, 0, 20.5, -1, 1e6, 1e6 + 1, NaN]);
      // Random: compared by shape (length, alphabet) and error.
      cases.push([`generateSecret ${bytes}`, (t) => {
        const made = t.generateSecret(bytes === undefined ? undefined : { bytes });
        return `${made.length} ${/^[A-Z2-7]+$/.test(made)}`;
      }]);
    }
  }
  return cases;
}

/** What a call gave: its result, or its error's code and words. */
export function outcome(lib, call) {
  try {
    return JSON.stringify(call(lib));
  } catch (error) {
    return `${error.code}: ${error.message}`;
  }
}

/**
 * [name, (lib) => outcome] pairs of `qrSvg` calls, `count` of them from
 * `seed`: texts of many lengths in every encoding mode (numeric,
 * alphanumeric, bytes, Unicode, kanji), around the capacity of each
 * level, every option valid and not, values too long for a module's buffer.
 */
export function qrCases(count = 400, seed = 25) {
  const rnd = random(seed);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (list) => list[int(list.length)];
  const from = (alphabet, n) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  const length = () => pick([0, 1, 2, 3, 7, 10, 17, 25, 41, 77, 100, 154, 255, 500, 1000, int(3000), 2953, 2954, 4296, 4297, 7089, 7090, HUGE]);
  const text = () => pick([
    () => from('0123456789', length()),
    () => from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:', length()),
    () => from('abcdefghijklmnopqrstuvwxyz0123456789&?=/:%', length()),
    () => from([...'é€😀\u0085\u0000<>&"\'名前'], Math.min(length(), 1500)),
    () => `${from('abc', int(20))}\ud800${from('abc', int(20))}`, // a lone surrogate
    () => from('漢字日本語点茗', Math.min(length(), 2000)),
    () => `otpauth://totp/Acme:${from('abc@.', int(40))}?secret=${from(BASE32, pick([16, 32, 103]))}&issuer=Acme`,
    () => pick(['', 'x', 'HELLO WORLD', '01234567890123456789', 'a'.repeat(2953), 'A'.repeat(4296), '7'.repeat(7089)]),
  ])();
  const often = (valid, invalid) => (rnd() < 0.95 ? pick(valid) : pick(invalid));
  const option = () => ({
    ecc: often([undefined, 'L', 'M', 'Q', 'H'], ['l', 'X', '', 7]),
    margin: often([undefined, 0, 1, 4, 10, 64], [65, -1, 1.5, NaN, '4']),
    dark: often([undefined, '#000', '#123', '#abcdef', '#11223344', 'red', 'rebeccapurple', 'a'.repeat(32)], ['', '#12', 'no pe', 'a'.repeat(33), 'a'.repeat(HUGE), 5]),
    light: often([undefined, '#fff', 'none', 'white', '#FFFFFF80'], ['', 'url(x)', '#'.repeat(HUGE)]),
    title: often([undefined, 'Scan', 'Scan <me> & "you" \'now\'\u0001', '😀'.repeat(1024), '"'.repeat(1024)], ['t'.repeat(1025), '😀'.repeat(1025), 't'.repeat(HUGE), 42]),
  });
  const opts = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const cases = [];
  for (let i = 0; i < count; i++) {
    const t = rnd() < 0.02 ? pick([undefined, null, 42]) : text();
    const o = rnd() < 0.05 ? pick([null, 'x', { size: 3 }, { ...opts(option()), extra: 1 }]) : opts(option());
    const given = rnd() < 0.1 ? undefined : o;
    cases.push([`qrSvg ${JSON.stringify(t)?.slice(0, 40)} ${JSON.stringify(given)?.slice(0, 80)}`, (lib) => lib.qrSvg(t, given)]);
  }
  return cases;
}
