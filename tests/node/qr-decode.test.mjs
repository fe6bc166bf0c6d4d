// QR codes decoded by a real reader: 50 random otpauth URIs are drawn as SVG
// by the built package, rasterised by librsvg (rsvg-convert) and decoded by
// ZBar (zbarimg). The decoded text must equal the input exactly.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildUri, generateSecret, qrSvg } from 'twofa';

const NAMES = ['alice@example.com', 'Bob Smith', 'élodie+2fa@exemple.fr', '山田 太郎', 'x', 'o\'brien & co', 'user_123-test'];
const ISSUERS = [undefined, 'Acme Co', 'Forum', 'Ünïcödé Inc', 'A&B (staging)'];
const pick = (list) => list[Math.floor(Math.random() * list.length)];

test('50 random otpauth URIs decode back exactly from the SVG', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twofa-qr-'));
  try {
    for (let i = 0; i < 50; i++) {
      const uri = buildUri({
        secret: generateSecret({ bytes: 16 + Math.floor(Math.random() * 17) }),
        account: `${pick(NAMES)}${i}`,
        issuer: pick(ISSUERS),
        digits: pick([6, 6, 8]),
        period: pick([30, 30, 60]),
      });
      const ecc = pick(['L', 'M', 'Q', 'H']);
      const svg = qrSvg(uri, { ecc, title: 'Scan with your authenticator app' });
      const svgPath = join(dir, `${i}.svg`);
      const pngPath = join(dir, `${i}.png`);
      writeFileSync(svgPath, svg);
      execFileSync('rsvg-convert', ['-w', '600', '-h', '600', '-o', pngPath, svgPath]);
      const decoded = execFileSync('zbarimg', ['--quiet', '--raw', pngPath], { encoding: 'utf8' });
      assert.equal(decoded.replace(/\n$/, ''), uri, `URI ${i} at ECC ${ecc}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
