/**
 * `twofa/widget`: framework-free custom elements for enrollment and the login
 * challenge. Importing defines `<twofa-enroll>` and `<twofa-challenge>` in a
 * browser; during server-side rendering it does nothing.
 *
 * @example
 * ```html
 * <script type="module">import 'twofa/widget';</script>
 * <twofa-enroll begin-url="/api/user/setting/2fa/save-secret" confirm-url="/api/user/setting/2fa/enable"></twofa-enroll>
 * <twofa-challenge verify-url="/api/auth/verify-2fa"></twofa-challenge>
 * ```
 * @module
 */
import { TwofaChallengeElement } from './challenge.js';
import { TwofaEnrollElement } from './enroll.js';

export { TwofaChallengeElement, TwofaEnrollElement };
export type { CodeSentDetail } from './challenge.js';
export type { EnrolledDetail } from './enroll.js';
export { MESSAGES, type Messages } from './messages.js';
// Also declares both elements for React's JSX (see jsx.ts).
export type { TwofaChallengeProps, TwofaEnrollProps, TwofaWidgetProps, VerifiedDetail } from './jsx.js';

/**
 * Defines both elements (done on import in browsers); safe to call again.
 *
 * @example
 * ```ts
 * import { defineTwofaElements } from 'twofa/widget';
 * defineTwofaElements(); // after a polyfill, or in a test environment that adds customElements late
 * ```
 */
export function defineTwofaElements(): void {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get('twofa-enroll')) customElements.define('twofa-enroll', TwofaEnrollElement);
  if (!customElements.get('twofa-challenge')) customElements.define('twofa-challenge', TwofaChallengeElement);
}

defineTwofaElements();

declare global {
  interface HTMLElementTagNameMap {
    'twofa-enroll': TwofaEnrollElement;
    'twofa-challenge': TwofaChallengeElement;
  }
  interface HTMLElementEventMap {
    'twofa-enrolled': CustomEvent<import('./enroll.js').EnrolledDetail>;
    'twofa-verified': CustomEvent<import('./jsx.js').VerifiedDetail>;
    'twofa-expired': CustomEvent<undefined>;
    'twofa-code-sent': CustomEvent<import('./challenge.js').CodeSentDetail>;
  }
}
