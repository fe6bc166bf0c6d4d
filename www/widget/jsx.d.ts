/**
 * JSX types for `<twofa-enroll>` and `<twofa-challenge>` in React 19 (and
 * Next.js), shipped with `twofa/widget`: importing the widget is enough, no
 * declaration of your own.
 *
 * Nothing here names a React type, so a project without React's types (or
 * with them but not using them) compiles these declarations unchanged, even
 * without `skipLibCheck`: the HTML attributes are those React gives `<abbr>`
 * (a plain `HTMLElement`), found through React's own `IntrinsicElements`, and
 * the ref type comes from React's `IntrinsicClassAttributes`. Where React is
 * absent both are empty.
 *
 * React 19 sets `fetchOptions` and `messages` as properties and attaches the
 * `ontwofa-…` handlers with `addEventListener` on elements it creates in the
 * browser; on server-rendered ones it does neither during hydration (see the
 * README, "React / Next.js types").
 *
 * A declaration file written by hand (scripts/build.mjs copies it next to the
 * generated ones): tsc cannot emit an augmentation that refers to the
 * augmented namespace's own members, which is what keeps React's names out.
 * @module
 */
import type { CodeSentDetail, TwofaChallengeElement } from './challenge.js';
import type { EnrolledDetail, TwofaEnrollElement } from './enroll.js';
import type { Messages } from './messages.js';

/** The JSON body of a successful verify-url response, as `twofa-verified` carries it. */
export type VerifiedDetail = Record<string, unknown>;

/** What both elements take besides HTML attributes. */
export interface TwofaWidgetProps {
  /** Merged into every fetch, e.g. `{ headers: { 'x-csrf-token': token } }`. */
  fetchOptions?: RequestInit;
  /** Texts shown to the user: start from `MESSAGES` and replace any of them. */
  messages?: Messages;
}

/** `<twofa-enroll>` in JSX. */
export interface TwofaEnrollProps extends TwofaWidgetProps {
  /** POSTed `{}`; answers `{ uri, qrSvg, enrollmentToken }` (`beginEnrollment`). */
  'begin-url': string;
  /** POSTed `{ enrollmentToken, code, currentCode? }`; answers `{ backupCodes }` (`confirmEnrollment`). */
  'confirm-url': string;
  /** The user already has 2FA and replaces it: also ask for a current code (old app or a backup code). */
  replace?: boolean;
  /** The user saved the backup codes: 2FA is on. */
  'ontwofa-enrolled'?: (event: CustomEvent<EnrolledDetail>) => void;
}

/** `<twofa-challenge>` in JSX. */
export interface TwofaChallengeProps extends TwofaWidgetProps {
  /** POSTed `{ code, method?, rememberDevice? }`; answers with your session (`verifyChallenge`). */
  'verify-url': string;
  /** POSTed `{ channel }`; answers `{ channel, expiresAt, resendAt }` (`sendCode`). Shows the send buttons. */
  'send-code-url'?: string;
  /** Space-separated, as afterPassword's `methods`: `totp backup email sms` (default `totp backup`). */
  methods?: string;
  /** Shows a "Remember this browser" checkbox; `rememberDevice` is posted. */
  'remember-device'?: boolean;
  /** The days the checkbox names (default 30): your `devices.days`. */
  'remember-days'?: number | string;
  /** A code was sent; `detail` is the send-code-url's answer. */
  'ontwofa-code-sent'?: (event: CustomEvent<CodeSentDetail>) => void;
  /** The code was accepted; `detail` is the response body. */
  'ontwofa-verified'?: (event: CustomEvent<VerifiedDetail>) => void;
  /** The challenge expired (`TOKEN_EXPIRED`): start the sign-in again. */
  'ontwofa-expired'?: (event: CustomEvent<undefined>) => void;
}

/** React's props of a plain HTML element, without its ref (typed per element below); `{}` without React. */
type HtmlProps<Elements> = Elements extends { abbr: infer Props } ? Omit<Props, 'ref'> : {};

declare module 'react' {
  namespace JSX {
    // Merges with React's `IntrinsicClassAttributes<T>` (`ref?: Ref<T>`); empty where React is absent.
    interface IntrinsicClassAttributes<T> {}
    interface IntrinsicElements {
      'twofa-enroll': HtmlProps<IntrinsicElements> & IntrinsicClassAttributes<TwofaEnrollElement> & TwofaEnrollProps;
      'twofa-challenge': HtmlProps<IntrinsicElements> & IntrinsicClassAttributes<TwofaChallengeElement> & TwofaChallengeProps;
    }
  }
}
