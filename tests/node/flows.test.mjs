// The server flows through the built package on the default memoryStore,
// with an injected clock that the store follows too (windows can expire).
import { memoryStore } from 'twofa';
import { harness } from '../flows/harness.mjs';
import { flowSuites } from '../flows/suites/index.mjs';

flowSuites(harness({ name: 'memoryStore', storeFollowsClock: true, make: (clock) => memoryStore({ now: () => clock.now }) }));
