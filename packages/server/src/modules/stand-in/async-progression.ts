/**
 * How asynchronous operations progress in stand-in mode (ADR 0023, "Async progression"): `auto`
 * (the job worker takes an operation's job when it is due — at once, or `delayMs` of real time
 * after it was accepted) or `manual` (held until a test moves the operation). It is the job
 * queue's hold rule: a held job is queued but never due (jobs' HELD_RUN_AT) until released.
 */
import type { JobHoldRule, JobQueue } from '../../platform/jobs/index.js';

export type AsyncMode = 'auto' | 'manual';

export interface AsyncSettings {
  mode: AsyncMode;
  delayMs: number;
}

/** How often, and how far apart, a delayed release looks again for a job its accepting transaction has not committed yet. */
const RETRIES = 250;
const RETRY_MS = 20;

export class AsyncProgression {
  #settings: AsyncSettings = { mode: 'auto', delayMs: 0 };
  /** The pending delayed releases (real-time timers), so a switch to manual or a close cancels them. */
  #timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly jobs: JobQueue,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  get settings(): AsyncSettings {
    return { ...this.#settings };
  }

  /** Asked at each enqueue of an operation's job: manual holds it; auto with a delay holds it and releases it delayMs later. */
  readonly holdRule: JobHoldRule = (job) => {
    if (this.#settings.mode === 'manual') return true;
    if (this.#settings.delayMs === 0) return false;
    this.#releaseLater(job.id, this.#settings.delayMs, RETRIES);
    return true;
  };

  /**
   * Applies new settings. Manual cancels the pending delayed releases (those jobs stay held); auto
   * releases every held job now. Answers how many jobs were released.
   */
  async set(settings: AsyncSettings): Promise<number> {
    this.#settings = { ...settings };
    this.cancelTimers();
    return settings.mode === 'auto' ? this.jobs.releaseHeld() : 0;
  }

  cancelTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /**
   * Real time, not the stand-in clock: a frozen clock would otherwise never let the delay pass. A
   * job not found yet belongs to a transaction still open: looked for again shortly.
   */
  #releaseLater(id: string, ms: number, retries: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#release(id, retries).catch((err: unknown) => this.log.warn({ err, jobId: id }, 'stand-in: releasing a delayed operation failed'));
    }, ms);
    timer.unref();
    this.#timers.add(timer);
  }

  async #release(id: string, retries: number): Promise<void> {
    if ((await this.jobs.releaseHeld(id)) > 0 || retries === 0) return;
    if (!(await this.jobs.find(id))) this.#releaseLater(id, RETRY_MS, retries - 1);
  }
}
