/**
 * The full (server) API.
 * @module
 */
export * from './lite.js';
