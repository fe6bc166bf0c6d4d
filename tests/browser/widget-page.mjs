// Puts one element on the page (?view=enroll or ?view=challenge; every other
// query parameter becomes one of its attributes; any other view: none) and
// records its events.
import '/static/dist/widget.mjs';

const params = new URLSearchParams(location.search);
const view = params.get('view');
const URLS = {
  challenge: { 'verify-url': '/api/auth/verify-2fa' },
  enroll: { 'begin-url': '/api/user/setting/2fa/save-secret', 'confirm-url': '/api/user/setting/2fa/enable' },
};
window.twofaEvents = [];
for (const type of ['twofa-enrolled', 'twofa-verified', 'twofa-expired', 'twofa-code-sent']) {
  document.addEventListener(type, (event) => window.twofaEvents.push({ type, detail: event.detail ?? null }));
}
if (URLS[view]) {
  const element = document.createElement(`twofa-${view}`);
  for (const [name, value] of [...Object.entries(URLS[view]), ...params]) if (name !== 'view') element.setAttribute(name, value);
  document.getElementById('main').append(element);
}
