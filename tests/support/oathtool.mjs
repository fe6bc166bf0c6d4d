// Codes from oathtool (OATH Toolkit): an implementation independent of twofa,
// standing in for the user's authenticator app.
import { execFileSync } from 'node:child_process';

/** The TOTP code of a base32 secret at `atMs` (default now). */
export function oathtool(secret, atMs = Date.now()) {
  return execFileSync('oathtool', ['--totp', '-b', `--now=@${Math.floor(atMs / 1000)}`, secret], { encoding: 'utf8' }).trim();
}

/** A six-digit code that is certainly not `code`. */
export function wrongCode(code) {
  return String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
}
