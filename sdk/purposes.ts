/**
 * The purposes of the tokens the server flows issue. A token opens only for
 * its purpose, so one kind can never stand in for another.
 * @module
 */
export const PURPOSES = {
  /** The pending secret of an enrollment (data: the secret). */
  enrollment: 'twofa.enroll',
  /** The login after the password: a code due, or an enrollment due. */
  challenge: 'twofa.challenge',
  /** "Remember this device". */
  device: 'twofa.device',
  /** A password-reset link. */
  passwordReset: 'twofa.password-reset',
} as const;
