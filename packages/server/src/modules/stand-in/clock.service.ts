/**
 * Moving the stand-in's clock (ADR 0023, "The clock") and starting the work a move makes due: the
 * export schedules are looked at once at the new time (a schedule runs once however many hours or
 * days were skipped), and every workspace with budgets gets one budget-alert evaluation job at the
 * new time that also covers the periods the move passed (so a period it closed fires its alerts).
 */
import { badRequest } from '../../platform/errors/index.js';
import { DAY_MS, dayText, parseRfc3339 } from '../../platform/formats/index.js';
import { HELD_RUN_AT, type JobQueue } from '../../platform/jobs/index.js';
import type { Db } from '../../storage/database.js';
import { enqueueBudgetEvaluation } from '../budgets/index.js';
import { type FocusExportsDeps, runDueSchedules } from '../focus-exports/index.js';
import type { Clock } from './clock.js';
import { parseClockDuration } from './clock-duration.js';
import { budgetedCustomers } from './clock-moves.repository.js';

export interface ClockMove {
  now?: string;
  advanceBy?: string;
  realTime?: boolean;
}

export interface ClockState {
  now: string;
  frozen: boolean;
}

export interface ClockMoveResult extends ClockState {
  /** What the move started: export runs of due schedules, budget-alert evaluation jobs (one per workspace with budgets). */
  started: { scheduleRuns: number; alertEvaluations: number };
}

export interface ClockServiceDeps {
  db: Db;
  jobs: JobQueue;
  clock: Clock;
  /** The FOCUS exports module's deps: its schedules are run with them. */
  focusExports: FocusExportsDeps;
}

export function clockState(clock: Clock): ClockState {
  return { now: new Date(clock.now()).toISOString(), frozen: clock.frozen };
}

/** Held operations' jobs wait at HELD_RUN_AT (ADR 0023, async progression): the clock stays before it. */
function beforeHeld(ms: number, field: 'now' | 'advanceBy'): void {
  if (ms >= HELD_RUN_AT.getTime()) throw badRequest([{ source: 'field', subject: field, description: `The clock stays before ${HELD_RUN_AT.toISOString()}, where held operations wait.` }]);
}

/** Applies exactly one of now, advanceBy or realTime; a 400 naming the field otherwise. */
function apply(clock: Clock, move: ClockMove): void {
  const given = (['now', 'advanceBy', 'realTime'] as const).filter((k) => move[k] !== undefined);
  if (given.length !== 1) {
    throw badRequest([{ source: 'field', subject: given.length === 0 ? 'now' : given[1]!, description: 'Give exactly one of now, advanceBy or realTime.' }]);
  }
  if (move.now !== undefined) {
    const at = parseRfc3339(move.now, { maxFractionDigits: 3 });
    if (!at) throw badRequest([{ source: 'field', subject: 'now', description: `'${move.now}' is not an RFC 3339 date-time with an offset and at most 3 fraction digits (2026-01-31T23:00:00Z).` }]);
    beforeHeld(at.getTime(), 'now');
    clock.set(at.getTime());
  } else if (move.advanceBy !== undefined) {
    const parsed = parseClockDuration(move.advanceBy);
    if ('error' in parsed) throw badRequest([{ source: 'field', subject: 'advanceBy', description: parsed.error }]);
    beforeHeld(clock.now() + parsed.ms, 'advanceBy');
    clock.advanceBy(parsed.ms);
  } else {
    if (move.realTime !== true) throw badRequest([{ source: 'field', subject: 'realTime', description: 'realTime must be true (to go back to the real time).' }]);
    clock.runReal();
  }
}

/** Moves the clock, then starts the due work at the new time; answers when it is started (runs and jobs enqueued). */
export async function moveClock(deps: ClockServiceDeps, move: ClockMove): Promise<ClockMoveResult> {
  const from = deps.clock.now();
  apply(deps.clock, move);
  const to = deps.clock.now();
  const scheduleRuns = await runDueSchedules(deps.focusExports, new Date(to));
  // Forward: the evaluation also covers the days passed (the periods they close); backward: the period open at the new time.
  const passed = to > from ? { fromDay: dayText(new Date(from)), toDay: dayText(new Date(to + DAY_MS)) } : {};
  let alertEvaluations = 0;
  for (const [workspaceId, accountIds] of await budgetedCustomers(deps.db)) {
    await enqueueBudgetEvaluation(deps.jobs, deps.db, { workspaceId, accountIds, ...passed });
    alertEvaluations++;
  }
  return { ...clockState(deps.clock), started: { scheduleRuns, alertEvaluations } };
}
