/**
 * The full (server) API: everything in the lite build, plus prepared keys,
 * terminal QR codes, sealing, tokens, backup codes and the server flows.
 * @module
 */
export * from './lite.js';
export * from './otp-key.js';
export * from './qr-terminal.js';
export * from './keyring.js';
export * from './backup.js';
export * from './store.js';
export * from './flows/index.js';
export * from './http.js';
