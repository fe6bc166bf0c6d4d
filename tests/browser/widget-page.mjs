// Puts one element on the page (?view=enroll or ?view=challenge) and records its events.
import '/static/dist/widget.mjs';

const view = new URLSearchParams(location.search).get('view');
const element = document.createElement(view === 'challenge' ? 'twofa-challenge' : 'twofa-enroll');
if (view === 'challenge') element.setAttribute('verify-url', '/api/auth/verify-2fa');
else {
  element.setAttribute('begin-url', '/api/user/setting/2fa/save-secret');
  element.setAttribute('confirm-url', '/api/user/setting/2fa/enable');
}
window.twofaEvents = [];
for (const type of ['twofa-enrolled', 'twofa-verified', 'twofa-expired']) {
  document.addEventListener(type, (event) => window.twofaEvents.push({ type, detail: event.detail ?? null }));
}
document.getElementById('main').append(element);
