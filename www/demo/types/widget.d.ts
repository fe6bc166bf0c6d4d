// The twofa custom elements in JSX.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type Element<Attributes> = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & Attributes;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'twofa-enroll': Element<{ 'begin-url': string; 'confirm-url': string }>;
      'twofa-challenge': Element<{ 'verify-url': string }>;
    }
  }
}
