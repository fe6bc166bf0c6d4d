// The Node entry in two files, so that `require('twofa')` parses only what
// checking codes needs (about 1.4 ms of a cold start):
//   dist/node.cjs          everything but the flows: `createTwoFactor` and
//                          `keysFromEnv` there require the second file on first call;
//   dist/twofa_flows.cjs   the flows, the backup-code worker pool (sdk/entries/node-flows.ts).
// The second file bundles only its own modules: every other import resolves
// to the module node.cjs already holds (one TwoFactorError class, one
// instance of each WebAssembly module, one installed hasher). The file
// exports a function that node.cjs calls with those modules: they are never
// on an object other code can reach, so nothing loaded earlier can hand the
// flows other modules, and a frozen `require('twofa')` does not stop them.
// Both requires are static strings, so bundlers follow them like any other.
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const FLOWS_FILE = 'twofa_flows.cjs';
/** The flows file's parameter: the modules node.cjs hands it. */
const SHARED = '__twofaShared';

/** Whether a source file belongs in the flows file rather than node.cjs. */
const inFlowsFile = (path) => ['sdk/flows/', 'sdk/worker/', 'sdk/entries/node-flows.ts'].some((p) => relative(root, path).startsWith(p));

/**
 * For the flows file's build: an import of a module outside it becomes a
 * stand-in that reads node.cjs's copy. `shared` collects their keys (a path
 * relative to the repository, or a `#wasm/...` / `#part/...` specifier).
 * The bundle is then wrapped by {@link asFlowsFactory}.
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
      b.onLoad({ filter: /.*/, namespace: 'twofa-node-shared' }, (args) => ({
        loader: 'js',
        contents: `module.exports = ${SHARED}[${JSON.stringify(args.path)}];`,
      }));
    },
  };
}

/**
 * The flows file's bundle (CommonJS) as a function of the shared modules:
 * `module.exports = (shared) => exports`, its own `module` and `exports`
 * inside. Called once by node.cjs.
 */
export function asFlowsFactory(code) {
  return [
    '"use strict";',
    '// Called by node.cjs with its own modules (scripts/node-split.mjs); not an entry point.',
    `module.exports = function twofaFlows(${SHARED}) {`,
    '  "use strict";',
    '  const module = { exports: {} };',
    '  const exports = module.exports;',
    code.replace(/^"use strict";\n/, ''),
    '  return module.exports;',
    '};',
    '',
  ].join('\n');
}

/**
 * For node.cjs's build: sdk/index.ts's `export * from './flows/index.js'`
 * becomes functions that, on first call, require the flows file and call it
 * with the `shared` modules.
 */
export function lazyFlowsPlugin(shared) {
  const keys = [...shared].sort();
  const specifier = (key) => (key.startsWith('#') ? key : join(root, key));
  const contents = [
    ...keys.map((key, i) => `import * as shared${i} from ${JSON.stringify(specifier(key))};`),
    `import { TwoFactorError } from ${JSON.stringify(join(root, 'sdk/errors.ts'))};`,
    `const SHARED = { ${keys.map((key, i) => `${JSON.stringify(key)}: shared${i}`).join(', ')} };`,
    'let flows;',
    'function loadFlows() {',
    '  if (flows === undefined) {',
    '    try {',
    `      flows = require(${JSON.stringify(`./${FLOWS_FILE}`)})(SHARED);`,
    '    } catch (error) {',
    `      throw new TwoFactorError('INTERNAL_ERROR', ${JSON.stringify(`twofa could not load its flows (dist/${FLOWS_FILE}, next to dist/node.cjs); reinstall the package, and keep the files of its dist/ folder together when copying or bundling it`)}, { cause: error });`,
    '    }',
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
