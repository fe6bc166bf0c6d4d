// Where short-lived security state lives: twofa's replay claims and
// throttles, and the demo's own password-attempt counters. One process, so
// memory is enough; several instances need a shared store (redisStore,
// postgresStore), or each one counts separately and a code could pass twice.
import { memoryStore, type TwoFactorStore } from 'twofa';
import { now } from './clock';

const state = globalThis as typeof globalThis & { demoStore?: TwoFactorStore };

export function store(): TwoFactorStore {
  return (state.demoStore ??= memoryStore({ now }));
}
