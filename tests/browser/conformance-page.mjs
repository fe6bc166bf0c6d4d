// Runs the conformance suite in the page against the built package: the full
// web build (`twofa` in browsers) and the lite build (`twofa/browser`).
import * as web from '/dist/web.mjs';
import * as lite from '/dist/browser.mjs';
import { conformance, runAll } from '/tests/conformance/suite.mjs';

const load = async (name) => (await fetch(`/vectors/${name}`)).json();

async function main() {
  const vectors = { rfc: await load('rfc.json'), oathtool: await load('oathtool-cases.json'), sealed: await load('sealed.json') };
  const results = {};
  for (const [label, lib, build] of [['web', web, 'server'], ['browser', lite, 'lite']]) {
    const tests = conformance(lib, vectors, build);
    results[label] = { names: tests.map((t) => t.name), ...(await runAll(tests)) };
  }
  return results;
}

window.twofaResults = main().catch((error) => ({ error: String(error?.stack ?? error) }));
window.twofaResults.then(() => { document.getElementById('status').textContent = 'done'; });
