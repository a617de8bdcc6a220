/**
 * The durable job queue: jobs live in the database, so a restart or a crash loses none — a job
 * whose worker died is taken again when its lease runs out — and several processes share the
 * work (claims use FOR UPDATE SKIP LOCKED). Handlers must be idempotent: a job may run again
 * after a crash. Works the same on PGlite and PostgreSQL. Time comes from the injected clock.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db, Executor } from '../../storage/database.js';
import * as repo from './jobs.repository.js';

export type JobRow = repo.JobRow;

export interface JobContext {
  /**
   * Aborted when this worker lost the job's lease (another worker may be running it) or the queue
   * is stopping (the reason is then a JobQueueStopping). A handler checks it between steps and
   * throws it; a job stopped that way goes back to the queue without using up an attempt.
   */
  signal: AbortSignal;
  now(): Date;
}

export type JobHandler = (job: JobRow, context: JobContext) => Promise<unknown>;

/** Thrown by a handler for a failure that retrying cannot fix. */
export class PermanentJobError extends Error {}

/** The abort reason a running handler sees when the queue stops (shutdown). */
export class JobQueueStopping extends Error {
  constructor() {
    super('the job queue is stopping');
  }
}

export interface EnqueueOptions {
  queue: string;
  payload?: unknown;
  workspaceId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
  id?: string;
}

export interface JobQueueOptions {
  now?: () => number;
  workerId?: string;
  /** How long a claimed job stays ours without a heartbeat. */
  leaseMs?: number;
  /** How often an idle worker looks for due jobs. */
  pollMs?: number;
  /** Delay before attempt n+1 after attempt n failed. */
  backoffMs?: (attempt: number) => number;
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

const defaultBackoff = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 5 * 60_000);

export class JobQueue {
  readonly workerId: string;
  #handlers = new Map<string, JobHandler>();
  #now: () => number;
  #leaseMs: number;
  #pollMs: number;
  #backoff: (attempt: number) => number;
  #loop: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  /** The running job's abort controller, so stop() can ask its handler to pause. */
  #running: AbortController | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: JobQueueOptions = {},
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#now = options.now ?? Date.now;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollMs = options.pollMs ?? 500;
    this.#backoff = options.backoffMs ?? defaultBackoff;
  }

  register(queue: string, handler: JobHandler): void {
    if (this.#handlers.has(queue)) throw new Error(`a handler for queue '${queue}' is already registered`);
    this.#handlers.set(queue, handler);
  }

  /** Adds a job; pass the open transaction so the job exists exactly when the caller's change does. */
  async enqueue(db: Executor, options: EnqueueOptions): Promise<JobRow> {
    const now = new Date(this.#now());
    const row = await repo.insertJob(db, {
      id: options.id ?? randomUUID(),
      queue: options.queue,
      workspaceId: options.workspaceId ?? null,
      payload: options.payload ?? {},
      runAt: options.runAt ?? now,
      maxAttempts: options.maxAttempts ?? 5,
      now,
    });
    this.#wake?.();
    return row;
  }

  find(id: string): Promise<JobRow | undefined> {
    return repo.findJob(this.db, id);
  }

  /**
   * Whether a job of `queue` is queued for the workspace: waiting for a worker, never started or
   * back for a retry (not running, not finished). Pass the open transaction to see its own jobs.
   */
  isQueued(db: Executor, queue: string, workspaceId: string): Promise<boolean> {
    return repo.hasQueuedJob(db, queue, workspaceId);
  }

  /** Claims one due job of a registered queue and runs it; false when none was due. */
  async runOnce(): Promise<boolean> {
    if (this.#handlers.size === 0) return false;
    const now = this.#now();
    const job = await repo.claimNextJob(this.db, {
      queues: [...this.#handlers.keys()],
      workerId: this.workerId,
      now: new Date(now),
      leaseUntil: new Date(now + this.#leaseMs),
    });
    if (!job) return false;
    if (job.attempts > job.max_attempts) {
      // Its workers kept dying mid-run: stop taking it up again.
      await repo.failJobAttempt(this.db, job.id, this.workerId, new Date(this.#now()), `gave up after ${job.max_attempts} attempts whose workers stopped`, null);
      return true;
    }
    await this.#execute(job);
    return true;
  }

  /** Runs due jobs until none is left (tests and one-shot commands). */
  async drain(maxJobs = 10_000): Promise<number> {
    let ran = 0;
    while (ran < maxJobs && (await this.runOnce())) ran++;
    return ran;
  }

  /** Starts the background loop; does nothing when no queue has a handler. */
  start(): void {
    if (this.#loop || this.#handlers.size === 0) return;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /**
   * Stops taking jobs and asks the running handler to stop after its current step (its signal is
   * aborted with a JobQueueStopping); waits for it. The interrupted job is queued again at once,
   * for this process after a restart or for another one, without waiting for its lease.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#running?.abort(new JobQueueStopping());
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let ran = false;
      try {
        ran = await this.runOnce();
      } catch (err) {
        this.options.log?.error({ err }, 'job worker: claiming a job failed');
      }
      if (!ran && !this.#stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#pollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = undefined;
      }
    }
  }

  async #execute(job: JobRow): Promise<void> {
    const handler = this.#handlers.get(job.queue)!;
    const lost = new AbortController();
    this.#running = lost;
    const heartbeat = setInterval(() => {
      const now = this.#now();
      repo
        .extendLease(this.db, job.id, this.workerId, new Date(now), new Date(now + this.#leaseMs))
        .then((held) => held || lost.abort(new Error('job lease lost')))
        .catch((err: unknown) => this.options.log?.warn({ err, jobId: job.id }, 'job worker: heartbeat failed'));
    }, Math.max(10, Math.floor(this.#leaseMs / 3)));
    try {
      const result = await handler(job, { signal: lost.signal, now: () => new Date(this.#now()) });
      if (!(await repo.completeJob(this.db, job.id, this.workerId, new Date(this.#now()), result))) {
        this.options.log?.warn({ jobId: job.id }, 'job worker: finished a job whose lease it had lost; result dropped');
      }
    } catch (err) {
      if (lost.signal.reason instanceof JobQueueStopping) {
        await repo.releaseJob(this.db, job.id, this.workerId, new Date(this.#now()));
        return;
      }
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      const retry = !(err instanceof PermanentJobError) && job.attempts < job.max_attempts;
      const now = this.#now();
      await repo.failJobAttempt(this.db, job.id, this.workerId, new Date(now), message, retry ? new Date(now + this.#backoff(job.attempts)) : null);
    } finally {
      clearInterval(heartbeat);
      this.#running = undefined;
    }
  }
}
