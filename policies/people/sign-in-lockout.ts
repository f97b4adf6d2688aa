/**
 * Password sign-in locks an account after repeated failures (MLPS 2.0 / GB/T
 * 22239-2019 8.1.4.1: "login failure handling"), so a password cannot be
 * guessed online. The rule is pure: the store keeps the counter, this decides.
 */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export interface SignInState {
  readonly failedAttempts: number;
  readonly lockedUntil?: Date;
}

export type SignInVerdict =
  | { readonly kind: 'locked'; readonly until: Date; readonly next: SignInState }
  | { readonly kind: 'accepted'; readonly next: SignInState }
  | { readonly kind: 'refused'; readonly next: SignInState; readonly attemptsLeft: number };

/** Is the account locked now? A lock that has run out no longer counts. */
export function lockedUntil(state: SignInState, now: Date): Date | undefined {
  return state.lockedUntil && state.lockedUntil > now ? state.lockedUntil : undefined;
}

/**
 * The outcome of one attempt. A locked account is refused without looking at
 * the password, so a correct guess during the lock teaches nothing; a success
 * clears the counter; the fifth failure in a row locks for LOCKOUT_MINUTES.
 */
export function judgeSignIn(state: SignInState, passwordMatches: boolean, now: Date): SignInVerdict {
  const lock = lockedUntil(state, now);
  if (lock) return { kind: 'locked', until: lock, next: state };
  if (passwordMatches) return { kind: 'accepted', next: { failedAttempts: 0 } };
  // A lock that ran out starts a fresh count.
  const failed = (state.lockedUntil ? 0 : state.failedAttempts) + 1;
  if (failed >= MAX_FAILED_SIGN_INS) {
    const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
    return { kind: 'locked', until, next: { failedAttempts: failed, lockedUntil: until } };
  }
  return { kind: 'refused', next: { failedAttempts: failed }, attemptsLeft: MAX_FAILED_SIGN_INS - failed };
}
