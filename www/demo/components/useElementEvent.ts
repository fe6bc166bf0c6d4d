'use client';
// The widget's events (twofa-verified, twofa-enrolled, …) in React.
import { useEffect } from 'react';

/** Calls `listener` for `type` events of the element in `ref` while mounted (the widget's events). */
export function useElementEvent(ref: { current: HTMLElement | null }, type: string, listener: (event: Event) => void, ready: unknown): void {
  useEffect(() => {
    const node = ref.current;
    node?.addEventListener(type, listener);
    return () => node?.removeEventListener(type, listener);
  }, [ref, type, listener, ready]);
}
