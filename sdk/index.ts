/**
 * The full (server) API: everything in the lite build, plus sealing, tokens
 * and backup codes.
 * @module
 */
export * from './lite.js';
export * from './keyring.js';
export * from './backup.js';
