/**
 * The durable job queue: jobs live in the database, so a restart or a crash loses none — a job
 * whose worker died is taken again when its lease runs out — and several processes share the
 * work (claims use FOR UPDATE SKIP LOCKED). Handlers must be idempotent: a job may run again
 * after a crash. Works the same on PGlite and PostgreSQL. Time comes from the injected clock.
 *
 * In stand-in mode a hold rule may hold a new holdable job (queued, never due) until a test releases
 * it or runs it now (ADR 0023, async progression); without one nothing is held.
 *
 * Fair (ADR 0008): each kind runs in a lane (interactive or batch) with its own bounded number of
 * worker slots in this process, and within a lane workspaces take turns (job-claims.repository.ts).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db, Executor } from '../../storage/database.js';
import * as repo from './jobs.repository.js';
import { claimNextJob } from './job-claims.repository.js';
import { DEFAULT_JOB_LANE, JOB_LANES, type JobLane } from './jobs.enums.js';

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
  /** The job may be held by the queue's hold rule (async operations in stand-in mode); default false. */
  holdable?: boolean;
}

/**
 * Decides whether a new holdable job is held (queued but never due) rather than due at its runAt:
 * stand-in mode's async progression (ADR 0023) sets one; without it nothing is ever held.
 */
export type JobHoldRule = (job: { id: string; queue: string }) => boolean;

/** What `runNow` did: ran the job, found it taken by a worker (or finished), or found no such job. */
export type RunNowOutcome = 'ran' | 'not-queued' | 'missing';

export interface RegisterOptions {
  /** The lane whose slots run this kind (default batch): interactive only for short work a client waits on. */
  lane?: JobLane;
}

/** Jobs of each lane this process runs at once (its worker slots). */
export type LaneConcurrency = Record<JobLane, number>;

export const DEFAULT_LANE_CONCURRENCY: LaneConcurrency = { interactive: 4, batch: 2 };

export interface JobQueueOptions {
  now?: () => number;
  /** Worker slots per lane (default: 4 interactive, 2 batch); the background loop never runs more at once. */
  concurrency?: Partial<LaneConcurrency>;
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
  #lanes = new Map<string, JobLane>();
  #now: () => number;
  #leaseMs: number;
  #pollMs: number;
  #backoff: (attempt: number) => number;
  #concurrency: LaneConcurrency;
  /** The worker slots of the background loop, while it runs. */
  #slots: Promise<void>[] | undefined;
  #stopping = false;
  /** Idle slots, by lane, and whether one of them is polling: the others wait to be woken. */
  #idle: Record<JobLane, Set<() => void>> = { interactive: new Set(), batch: new Set() };
  #polling: Record<JobLane, boolean> = { interactive: false, batch: false };
  /** The running jobs' abort controllers, so stop() can ask their handlers to pause. */
  #running = new Set<AbortController>();
  #hold: JobHoldRule | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: JobQueueOptions = {},
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#now = options.now ?? Date.now;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollMs = options.pollMs ?? 500;
    this.#backoff = options.backoffMs ?? defaultBackoff;
    this.#concurrency = { ...DEFAULT_LANE_CONCURRENCY, ...options.concurrency };
    for (const lane of JOB_LANES) {
      const n = this.#concurrency[lane];
      if (!Number.isInteger(n) || n < 1) throw new Error(`job concurrency of the ${lane} lane must be a whole number ≥ 1, got ${n}`);
    }
  }

  /** Declares a kind of job, its handler and its lane; every process registers the same kinds. */
  register(queue: string, handler: JobHandler, options: RegisterOptions = {}): void {
    if (this.#handlers.has(queue)) throw new Error(`a handler for queue '${queue}' is already registered`);
    this.#handlers.set(queue, handler);
    this.#lanes.set(queue, options.lane ?? DEFAULT_JOB_LANE);
  }

  /** The lane a job of this kind runs in (its declared lane; batch for a kind this process does not know). */
  laneOf(queue: string): JobLane {
    return this.#lanes.get(queue) ?? DEFAULT_JOB_LANE;
  }

  /** Adds a job; pass the open transaction so the job exists exactly when the caller's change does. */
  async enqueue(db: Executor, options: EnqueueOptions): Promise<JobRow> {
    const now = new Date(this.#now());
    const lane = this.laneOf(options.queue);
    const id = options.id ?? randomUUID();
    const held = options.holdable === true && this.#hold !== undefined && this.#hold({ id, queue: options.queue });
    const row = await repo.insertJob(db, {
      id,
      queue: options.queue,
      lane,
      workspaceId: options.workspaceId ?? null,
      payload: options.payload ?? {},
      runAt: held ? repo.HELD_RUN_AT : (options.runAt ?? now),
      maxAttempts: options.maxAttempts ?? 5,
      now,
    });
    this.#wakeOne(lane);
    return row;
  }

  find(id: string): Promise<JobRow | undefined> {
    return repo.findJob(this.db, id);
  }

  /** Sets (or, with undefined, removes) the rule that holds new holdable jobs. */
  setHoldRule(rule: JobHoldRule | undefined): void {
    this.#hold = rule;
  }

  /** Makes a held job due now (or every held job, without an id) and wakes a worker; the number released. */
  async releaseHeld(id?: string): Promise<number> {
    const released = await repo.releaseHeld(this.db, new Date(this.#now()), id);
    if (released > 0) for (const lane of JOB_LANES) this.#wakeOne(lane);
    return released;
  }

  /** Jobs held now. */
  countHeld(): Promise<number> {
    return repo.countHeld(this.db);
  }

  /**
   * Claims this queued job — held, due, or waiting for a retry — and runs it in this call, as a
   * worker slot would (its attempt counted, its failure retried or final as usual).
   */
  async runNow(id: string): Promise<RunNowOutcome> {
    const found = await this.find(id);
    if (!found) return 'missing';
    if (!this.#handlers.has(found.queue)) throw new Error(`no handler for queue '${found.queue}' in this process`);
    const now = this.#now();
    const job = await repo.claimJobById(this.db, id, this.workerId, new Date(now), new Date(now + this.#leaseMs));
    if (!job) return 'not-queued';
    await this.#handle(job);
    return 'ran';
  }

  /** Cancels a queued job (held or due) whose work is no longer wanted; false when it was not queued. */
  cancel(id: string): Promise<boolean> {
    return repo.cancelQueuedJob(this.db, id, new Date(this.#now()));
  }

  /**
   * Whether a job of `queue` is queued for the workspace: waiting for a worker, never started or
   * back for a retry (not running, not finished). Pass the open transaction to see its own jobs.
   */
  isQueued(db: Executor, queue: string, workspaceId: string): Promise<boolean> {
    return repo.hasQueuedJob(db, queue, workspaceId);
  }

  /** Claims one due job of a registered queue (interactive lane first) and runs it; false when none was due. */
  async runOnce(): Promise<boolean> {
    for (const lane of JOB_LANES) if (await this.#runOnceIn(lane)) return true;
    return false;
  }

  /** Claims one due job of the lane, fairly between workspaces, and runs it; false when none was due. */
  async #runOnceIn(lane: JobLane): Promise<boolean> {
    const job = await this.#claim(lane);
    if (!job) return false;
    await this.#handle(job);
    return true;
  }

  /** Takes the lane's next job in turn order (job-claims.repository.ts), leased to this worker. */
  #claim(lane: JobLane): Promise<JobRow | undefined> {
    const now = this.#now();
    return claimNextJob(this.db, {
      lane,
      queues: [...this.#handlers.keys()],
      workerId: this.workerId,
      now: new Date(now),
      leaseUntil: new Date(now + this.#leaseMs),
    });
  }

  async #handle(job: JobRow): Promise<void> {
    if (job.attempts > job.max_attempts) {
      // Its workers kept dying mid-run: stop taking it up again.
      await repo.failJobAttempt(this.db, job.id, this.workerId, new Date(this.#now()), `gave up after ${job.max_attempts} attempts whose workers stopped`, null);
      return;
    }
    await this.#execute(job);
  }

  /** Runs due jobs until none is left (tests and one-shot commands). */
  async drain(maxJobs = 10_000): Promise<number> {
    let ran = 0;
    while (ran < maxJobs && (await this.runOnce())) ran++;
    return ran;
  }

  /**
   * Starts the background loop — the configured number of slots per lane, each running one job of
   * its lane at a time — and does nothing when no queue has a handler.
   */
  start(): void {
    if (this.#slots || this.#handlers.size === 0) return;
    this.#stopping = false;
    this.#slots = JOB_LANES.flatMap((lane) => Array.from({ length: this.#concurrency[lane] }, () => this.#runSlot(lane)));
  }

  /**
   * Stops taking jobs and asks the running handlers to stop after their current step (their signal
   * is aborted with a JobQueueStopping); waits for them. The interrupted jobs are queued again at
   * once, for this process after a restart or for another one, without waiting for their lease.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const running of this.#running) running.abort(new JobQueueStopping());
    for (const lane of JOB_LANES) for (const wake of [...this.#idle[lane]]) wake();
    await Promise.all(this.#slots ?? []);
    this.#slots = undefined;
  }

  /**
   * One worker slot of a lane: claims the lane's next job and runs it, again and again. A slot that
   * finds nothing due waits: one idle slot per lane polls every `pollMs`, the others sleep until
   * woken — by an enqueue of the lane in this process, or by a slot that just claimed a job (there
   * may be more), so an idle process polls once per lane, not once per slot.
   */
  async #runSlot(lane: JobLane): Promise<void> {
    while (!this.#stopping) {
      let job: JobRow | undefined;
      try {
        job = await this.#claim(lane);
      } catch (err) {
        this.options.log?.error({ err, lane }, 'job worker: claiming a job failed');
      }
      if (job) {
        this.#wakeOne(lane);
        await this.#handle(job).catch((err: unknown) => this.options.log?.error({ err, jobId: job.id }, 'job worker: recording a job’s end failed'));
        continue;
      }
      if (this.#stopping) break;
      const poller = !this.#polling[lane];
      if (poller) this.#polling[lane] = true;
      await new Promise<void>((resolve) => {
        const timer = poller ? setTimeout(() => wake(), this.#pollMs) : undefined;
        const wake = () => {
          clearTimeout(timer);
          this.#idle[lane].delete(wake);
          resolve();
        };
        this.#idle[lane].add(wake);
      });
      if (poller) this.#polling[lane] = false;
    }
  }

  #wakeOne(lane: JobLane): void {
    const [wake] = this.#idle[lane];
    wake?.();
  }

  async #execute(job: JobRow): Promise<void> {
    const handler = this.#handlers.get(job.queue)!;
    const lost = new AbortController();
    this.#running.add(lost);
    // stop() came between the claim and now: the handler sees an aborted signal from the start.
    if (this.#stopping) lost.abort(new JobQueueStopping());
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
      this.#running.delete(lost);
    }
  }
}
