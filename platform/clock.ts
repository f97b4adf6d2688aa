/**
 * Time as the pool sees it. Deadlines, grant validity and audit times all read
 * one clock, so a scenario test can move it (16 days later, past validUntil)
 * without waiting.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance; it keeps running from where it was set. */
export class SettableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(to: Date): void {
    this.offsetMs = to.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
