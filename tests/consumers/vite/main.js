// A browser app bundled by Vite: the lite build and the widget.
import { buildUri, generateSecret, qrSvg, totp, verifyTotp } from 'twofa/browser';
import 'twofa/widget';

const secret = generateSecret();
document.querySelector('#qr').innerHTML = qrSvg(buildUri({ secret, account: 'vite@example.com', issuer: 'Vite' }));
document.querySelector('#result').textContent = verifyTotp({ secret, code: totp({ secret }) })?.drift === 0 ? 'ok' : 'wrong';
document.querySelector('#widget').textContent = customElements.get('twofa-challenge') ? 'defined' : 'missing';
