// A button that waits: disabled for `ms`, told the seconds left once a
// second, enabled again at the end. Used for throttled attempts and for the
// resend cooldown of sent codes.

/** Disables `button` for `ms`; returns a function that stops the wait early (without enabling it). */
export function wait(button: HTMLButtonElement, ms: number, tick: (secondsLeft: number) => void, done: () => void): () => void {
  const until = Date.now() + ms;
  button.disabled = true;
  const step = () => {
    const left = until - Date.now();
    if (left > 0) return tick(Math.ceil(left / 1000));
    clearInterval(timer);
    button.disabled = false;
    done();
  };
  const timer = setInterval(step, 1000);
  step();
  return () => clearInterval(timer);
}
