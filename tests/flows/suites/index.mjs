// Every flow suite, for one store.
import backup from './backup.mjs';
import channels from './channels.mjs';
import devices from './devices.mjs';
import enrollment from './enrollment.mjs';
import keys from './keys.mjs';
import login from './login.mjs';
import migration from './migration.mjs';
import policy from './policy.mjs';
import recovery from './recovery.mjs';
import throttle from './throttle.mjs';

export function flowSuites(h) {
  for (const suite of [enrollment, login, throttle, backup, devices, channels, policy, recovery, migration, keys]) suite(h);
}
