/**
 * The stand-in's settable clock (ADR 0023, "The clock"): the real time by default; `set` freezes it
 * at an instant, `advanceBy` moves a frozen clock forward (and freezes a running one at now + the
 * duration), `runReal` goes back to the real time. `now` is what buildApp hands every module.
 */
export class Clock {
  #frozenAt: number | undefined;

  /** `real`: the time the clock reads when it is not frozen (Date.now; tests pass their own). */
  constructor(private readonly real: () => number = Date.now, frozenAt?: number) {
    this.#frozenAt = frozenAt;
  }

  /** Epoch milliseconds; a bound function, so it can be handed around as `now`. */
  readonly now = (): number => this.#frozenAt ?? this.real();

  get frozen(): boolean {
    return this.#frozenAt !== undefined;
  }

  /** Freezes the clock at `ms` (earlier than now is allowed). */
  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`clock time must be finite, got ${ms}`);
    this.#frozenAt = ms;
  }

  /** Moves the clock forward by `ms` and leaves it frozen there. */
  advanceBy(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock only advances, got ${ms} ms`);
    this.#frozenAt = this.now() + ms;
  }

  /** Back to the real time. */
  runReal(): void {
    this.#frozenAt = undefined;
  }
}
