// The Node entry in two files, so that `require('twofa')` parses only what
// checking codes needs (about 1.4 ms of a cold start):
//   dist/node.cjs          everything but the flows: `createTwoFactor` and
//                          `keysFromEnv` there require the second file on first call;
//   dist/twofa_flows.cjs   the flows, the backup-code worker pool (sdk/entries/node-flows.ts).
// The second file bundles only its own modules: every other import resolves
// to the module node.cjs already holds (one TwoFactorError class, one
// instance of each WebAssembly module, one installed hasher), which node.cjs
// hands over, under a symbol on its exports, just before requiring it.
// Both requires are static strings, so bundlers follow them like any other.
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SHARED_KEY = 'twofa.node-shared';
export const FLOWS_FILE = 'twofa_flows.cjs';

/** Whether a source file belongs in the flows file rather than node.cjs. */
const inFlowsFile = (path) => ['sdk/flows/', 'sdk/worker/', 'sdk/entries/node-flows.ts'].some((p) => relative(root, path).startsWith(p));

/**
 * For the flows file's build: an import of a module outside it becomes a
 * stand-in that reads node.cjs's copy. `shared` collects their keys (a path
 * relative to the repository, or a `#wasm/...` / `#part/...` specifier).
 */
export function flowsFilePlugin(shared) {
  return {
    name: 'twofa-node-flows-file',
    setup(b) {
      b.onResolve({ filter: /^(\.|#wasm\/|#part\/)/ }, async (args) => {
        if (args.namespace !== 'file' || !inFlowsFile(args.importer) || args.pluginData?.resolving) return undefined;
        let key = args.path;
        if (args.path.startsWith('.')) {
          const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          if (inFlowsFile(resolved.path)) return resolved;
          key = relative(root, resolved.path);
        }
        shared.add(key);
        return { path: key, namespace: 'twofa-node-shared' };
      });
      b.onResolve({ filter: /^\.\/node\.cjs$/, namespace: 'twofa-node-shared' }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'twofa-node-shared' }, (args) => ({
        loader: 'js',
        contents: `module.exports = require('./node.cjs')[Symbol.for(${JSON.stringify(SHARED_KEY)})][${JSON.stringify(args.path)}];`,
      }));
    },
  };
}

/**
 * For node.cjs's build: sdk/index.ts's `export * from './flows/index.js'`
 * becomes functions that require the flows file on first call, after
 * handing it the `shared` modules.
 */
export function lazyFlowsPlugin(shared) {
  const keys = [...shared].sort();
  const specifier = (key) => (key.startsWith('#') ? key : join(root, key));
  const contents = [
    ...keys.map((key, i) => `import * as shared${i} from ${JSON.stringify(specifier(key))};`),
    `const SHARED = { ${keys.map((key, i) => `${JSON.stringify(key)}: shared${i}`).join(', ')} };`,
    'let flows;',
    'function loadFlows() {',
    '  if (flows === undefined) {',
    `    Object.defineProperty(module.exports, Symbol.for(${JSON.stringify(SHARED_KEY)}), { value: SHARED, configurable: true });`,
    `    flows = require(${JSON.stringify(`./${FLOWS_FILE}`)});`,
    '  }',
    '  return flows;',
    '}',
    'export function createTwoFactor(config) { return loadFlows().createTwoFactor(config); }',
    'export function keysFromEnv(variable) { return loadFlows().keysFromEnv(variable); }',
  ].join('\n');
  return {
    name: 'twofa-node-lazy-flows',
    setup(b) {
      b.onResolve({ filter: /^\.\/flows\/index\.js$/ }, (args) => (
        relative(root, args.importer) === join('sdk', 'index.ts') ? { path: 'flows', namespace: 'twofa-lazy-flows' } : undefined));
      b.onResolve({ filter: new RegExp(`^\\./${FLOWS_FILE.replace('.', '\\.')}$`) }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'twofa-lazy-flows' }, () => ({ loader: 'js', resolveDir: root, contents }));
    },
  };
}
