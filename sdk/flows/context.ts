/**
 * What every flow shares: the checked settings, the guard, the factor checks
 * and the key ring (made at first use).
 * @internal
 * @module
 */
import type { KeyRing } from '../keyring.js';
import type { Settings } from './config.js';
import type { Factors } from './factors.js';
import type { Guard } from './guard.js';

export interface Context {
  readonly settings: Settings;
  readonly guard: Guard;
  readonly factors: Factors;
  ring(): KeyRing;
}
