// <twofa-enroll> shows the QR code the server drew (`beginEnrollment`'s
// `qrSvg`) without WebAssembly, in Chromium: the redrawn code has the
// server's rows and decodes (ZBar) to the URI under a CSP without
// 'wasm-unsafe-eval'; hostile `qrSvg` strings insert nothing and draw no QR;
// without one, the key and a note are shown and the developer is told why.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildUri, qrSvg } from 'twofa';
import { widgetSuite } from './widget-harness.mjs';

const suite = widgetSuite();
const BEGIN = '**/api/user/setting/2fa/save-secret';
const OWN_NAME = 'QR code to scan with your authenticator app';
const URI = buildUri({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', account: 'qr@example.com', issuer: 'Widget Test' });
const SERVER_SVG = qrSvg(URI, { title: 'Scan with your authenticator app to add Widget Test' });
const SERVER_PATH = SERVER_SVG.match(/ d="([^"]+)"/)[1];
const MISSING_QR = /begin-url response has no qrSvg.*Response\.json\(\{ uri, qrSvg, enrollmentToken \}\)/;

/** Answers the begin route with `body` (JSON) from now on. */
async function answerBegin(page, body) {
  await page.unroute(BEGIN);
  await page.route(BEGIN, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) }));
}

/** What the page holds after an answer: the element's tags, attributes that could run script, globals payloads set, the QR or the note. */
const inspect = (page) => page.evaluate(() => {
  const root = document.querySelector('twofa-enroll').shadowRoot;
  const all = [...document.querySelectorAll('*'), ...root.querySelectorAll('*')];
  return {
    tags: [...new Set([...root.querySelectorAll('*')].map((e) => e.localName))].sort(),
    risky: all.flatMap((e) => [...e.attributes]
      .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).map((a) => `${e.localName} ${a.name}`)),
    pwned: window.pwned ?? null,
    svg: root.querySelector('svg')?.outerHTML ?? null,
    note: root.querySelector('.no-qr')?.textContent ?? null,
    secret: root.querySelector('.secret')?.textContent ?? null,
  };
});

/** The redrawn SVG's parts: children, attributes, title. */
const drawnQr = (page) => page.$eval('twofa-enroll .qr svg', (svg) => ({
  children: [...svg.children].map((c) => c.localName),
  attributes: Object.fromEntries([...svg.attributes].map((a) => [a.name, a.value])),
  title: svg.querySelector('title').textContent,
  rect: Object.fromEntries([...svg.querySelector('rect').attributes].map((a) => [a.name, a.value])),
  path: Object.fromEntries([...svg.querySelector('path').attributes].map((a) => [a.name, a.value])),
}));

test("the server's QR code is redrawn (its rows, the widget's own name and colours) and decodes to the URI, with no WebAssembly allowed", async () => {
  const page = await suite.newPage({ deviceScaleFactor: 3 });
  // The page's CSP without 'wasm-unsafe-eval': compiling any WebAssembly module fails there.
  await page.route('**/widget.html?*', async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    headers['content-security-policy'] = headers['content-security-policy'].replace(" 'wasm-unsafe-eval'", '');
    await route.fulfill({ response, headers });
  });
  await suite.signUp(page, 'scan@example.com');
  const begun = page.waitForResponse(BEGIN);
  await suite.open(page, 'enroll');
  const { uri, qrSvg: sent } = await (await begun).json();
  assert.match(await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiled', String)),
    /CompileError.*Content Security Policy/, 'the page cannot compile WebAssembly');

  const drawn = await drawnQr(page);
  assert.deepEqual(drawn.children, ['title', 'rect', 'path']);
  assert.deepEqual(drawn.attributes, {
    viewBox: sent.match(/viewBox="([^"]+)"/)[1], 'shape-rendering': 'crispEdges', role: 'img', 'aria-label': OWN_NAME,
  });
  assert.equal(drawn.title, OWN_NAME);
  assert.deepEqual(drawn.rect, { width: '100%', height: '100%', fill: '#fff' });
  assert.deepEqual(drawn.path, { stroke: '#000', d: sent.match(/ d="([^"]+)"/)[1] });

  const dir = mkdtempSync(join(tmpdir(), 'twofa-widget-qr-'));
  try {
    await page.locator('twofa-enroll .qr').screenshot({ path: join(dir, 'qr.png') });
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', join(dir, 'qr.png')], { encoding: 'utf8' });
    assert.equal(decoded.replace(/\n$/, ''), uri);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(page.errors, []);
});

test('any qrSvg twofa writes is drawn, with the widget\'s own name and colours whatever the server chose', async () => {
  const page = await suite.newPage({ bypassCSP: true });
  await suite.signUp(page, 'options@example.com');
  const svg = qrSvg(URI, { margin: 0, light: 'none', dark: 'rebeccapurple', ecc: 'H', title: '<img src=x onerror="window.pwned=1">' });
  await answerBegin(page, { uri: URI, qrSvg: svg, enrollmentToken: 'x' });
  await suite.open(page, 'enroll');
  const drawn = await drawnQr(page);
  assert.equal(drawn.attributes['aria-label'], OWN_NAME);
  assert.equal(drawn.title, OWN_NAME);
  assert.deepEqual([drawn.rect.fill, drawn.path.stroke, drawn.path.d], ['#fff', '#000', svg.match(/ d="([^"]+)"/)[1]]);
  assert.equal((await inspect(page)).pwned, null);
  assert.deepEqual(page.errors, []);
});

// Each would run script, change the page or draw something else if inserted or trusted.
const HOSTILE = {
  'a script element': SERVER_SVG.replace('</svg>', '<script>window.pwned=1</script></svg>'),
  'an event attribute': SERVER_SVG.replace('<svg ', '<svg onload="window.pwned=1" '),
  'an attribute after the name': SERVER_SVG.replace(/aria-label="[^"]*"/, 'aria-label="x" onload="window.pwned=1"'),
  'foreignObject with HTML': SERVER_SVG.replace('</svg>', '<foreignObject><img src="x" onerror="window.pwned=1"></foreignObject></svg>'),
  'a javascript: link around the path': SERVER_SVG.replace('<path', '<a href="javascript:window.pwned=1"><path').replace('</svg>', '</a></svg>'),
  'javascript: as the stroke': SERVER_SVG.replace('stroke="#000"', 'stroke="javascript:window.pwned=1"'),
  'a style element': SERVER_SVG.replace('<rect', '<style>*{display:none}</style><rect'),
  'markup after the document': `${SERVER_SVG}<img src="x" onerror="window.pwned=1">`,
  'markup before the document': `<img src="x" onerror="window.pwned=1">${SERVER_SVG}`,
  'a comment': SERVER_SVG.replace('<rect', '<!-- x --><rect'),
  'an HTML namespace': SERVER_SVG.replace('http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xhtml'),
  'a second path': SERVER_SVG.replace('"/></svg>', '"/><path d="M0 0h9"/></svg>'),
  'a v command': SERVER_SVG.replace(/h(\d+)/, 'v$1'),
  'a closing z': SERVER_SVG.replace('"/></svg>', 'z"/></svg>'),
  'l and c commands': SERVER_SVG.replace(SERVER_PATH, `${SERVER_PATH}l1 1c1 1 1 1 1 1`),
  'an entity in the path': SERVER_SVG.replace(SERVER_PATH, SERVER_PATH.replace('M', '&#77;')),
  'a negative gap': SERVER_SVG.replace(/m(\d+) 0h/, 'm-$1 0h'),
  'a quarter module': SERVER_SVG.replace('.5h', '.25h'),
  'a huge viewBox': SERVER_SVG.replace(/viewBox="0 0 \d+ \d+"/, 'viewBox="0 0 1e9 1e9"'),
  'a viewBox wider than any QR code': SERVER_SVG.replace(/viewBox="0 0 \d+ \d+"/, 'viewBox="0 0 999 999"'),
  'a viewBox narrower than any QR code': SERVER_SVG.replace(/viewBox="0 0 \d+ \d+"/, 'viewBox="0 0 7 7"'),
  'a side with a leading zero': SERVER_SVG.replace(/viewBox="0 0 (\d+) (\d+)"/, 'viewBox="0 0 0$1 0$2"'),
  'sides that differ': SERVER_SVG.replace(/viewBox="0 0 (\d+) \d+"/, 'viewBox="0 0 $1 99"'),
  'a huge coordinate': SERVER_SVG.replace(/M\d+ /, 'M1000000000 '),
  'no path': SERVER_SVG.replace(/<path[^>]*\/>/, ''),
  'an empty path': SERVER_SVG.replace(SERVER_PATH, ''),
  'a 200 KB path': SERVER_SVG.replace(SERVER_PATH, SERVER_PATH.repeat(Math.ceil(200_000 / SERVER_PATH.length))),
  'a 200 KB name': SERVER_SVG.replace(/aria-label="[^"]*"><title>[^<]*</, `aria-label="${'a'.repeat(200_000)}"><title>a<`),
  'an empty string': '',
  'a number': 42,
  'an object': { toString: SERVER_SVG },
  'a list': [SERVER_SVG],
  'null': null,
};

test('a hostile qrSvg inserts nothing and draws no QR: the key, the note, a line for the developer', async () => {
  // Without the page's CSP: an inserted handler would run, so only the widget stands in the way.
  const page = await suite.newPage({ bypassCSP: true });
  await suite.signUp(page, 'hostile@example.com');
  for (const [name, qr] of Object.entries(HOSTILE)) {
    await answerBegin(page, { uri: URI, qrSvg: qr, enrollmentToken: 'x' });
    const started = Date.now();
    await suite.open(page, 'enroll');
    assert.ok(Date.now() - started < 5_000, `${name}: answered at once`);
    const seen = await inspect(page);
    assert.equal(seen.svg, null, `${name}: no QR`);
    assert.equal(seen.note, 'The QR code cannot be shown. Type the key below into your authenticator app instead.', name);
    assert.equal(seen.secret, 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP', name);
    assert.deepEqual(seen.risky, [], name);
    assert.equal(seen.pwned, null, name);
    for (const tag of ['script', 'foreignobject', 'foreignObject', 'img', 'style', 'svg', 'path', 'iframe']) assert.ok(!seen.tags.includes(tag), `${name}: no ${tag}`);
    assert.match(page.errors.pop() ?? '', MISSING_QR, `${name}: the developer is told`);
  }
  assert.deepEqual(page.errors, []);
});

test('without qrSvg (an older begin route): the key, the link and a note; the user still turns 2FA on', async () => {
  const page = await suite.newPage({ bypassCSP: true }); // for axe
  await suite.signUp(page, 'noqr@example.com');
  await page.route(BEGIN, async (route) => {
    const response = await route.fetch();
    const { uri, enrollmentToken } = await response.json();
    await route.fulfill({ response, json: { uri, enrollmentToken } });
  });
  await suite.open(page, 'enroll');
  const seen = await inspect(page);
  assert.equal(seen.svg, null);
  assert.match(seen.note, /Type the key/);
  assert.match(await page.getAttribute('twofa-enroll a.secondary', 'href'), /^otpauth:\/\/totp\//);
  assert.deepEqual(page.errors.length, 1);
  assert.match(page.errors[0], MISSING_QR);
  await suite.axe(page, 'enroll: no QR code');

  await page.fill('twofa-enroll input[name=code]', suite.code(seen.secret.replace(/\s/g, '')));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll ol.codes li');
  assert.equal(await page.$$eval('twofa-enroll ol.codes li', (items) => items.length), 10);
});
