// The inputs every library gets, and reference answers computed here with
// node:crypto (not with any library under test). Keep the constants in sync
// with bench/native/benches/core.rs.
import { createHmac } from 'node:crypto';

/** RFC 6238's SHA-1 secret, "12345678901234567890" (20 bytes), in base32. */
export const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const SECRET_BYTES = Buffer.from('12345678901234567890', 'latin1');
/** Milliseconds, in the middle of a 30-second step (override: BENCH_TIMESTAMP). */
export const TIMESTAMP = Number(process.env.BENCH_TIMESTAMP ?? 1_760_000_012_345);
export const EPOCH_SECONDS = Math.floor(TIMESTAMP / 1000);
export const STEP = Math.floor(EPOCH_SECONDS / 30);
export const ACCOUNT = 'alice.wonderland.smith@accounts.example.com';
export const ISSUER = 'Example Corp';
/** What twofa's buildUri writes for these inputs: 135 characters, the QR benchmark's text. */
export const URI = `otpauth://totp/Example%20Corp:${ACCOUNT}?secret=${SECRET}&issuer=Example%20Corp`;
if (URI.length !== 135) throw new Error(`the benchmark URI should be 135 characters, not ${URI.length}`);

/** RFC 4226 HOTP with SHA-1 and 6 digits. */
export function referenceHotp(key, counter) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[19] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The code of the current step: what the "valid" verification gets. */
export const VALID_CODE = referenceHotp(SECRET_BYTES, STEP);
/** A well-formed code matching none of steps - 1, current, + 1: every step is computed. */
export const INVALID_CODE = (() => {
  const near = new Set([STEP - 1, STEP, STEP + 1].map((s) => referenceHotp(SECRET_BYTES, s)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
})();
