/**
 * What both builds have: secrets, HOTP/TOTP, otpauth URIs, QR codes, errors.
 * @module
 */
export * from './errors.js';
export * from './secret.js';
export * from './otp.js';
export * from './uri.js';
export * from './qr.js';
