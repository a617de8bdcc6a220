/** The stand-in's async-progression routes (ADR 0023, "Async progression"): the mode and delay, and the moves of one operation. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../platform/http/error-responses.js';
import type { AsyncProgression } from './async-progression.js';
import { type OperationMove, type OperationMoveDeps, moveOperation } from './operation-moves.service.js';
import { AsyncSettingsResult, AsyncSettingsUpdate, AsyncState, FailOperation, MovedOperation, OperationParams, STAND_IN_ONLY } from './stand-in.schemas.js';

const tags = ['Stand-in'];
const permission = 'platform.workspaces.manage' as const;

export interface AsyncRouteDeps extends OperationMoveDeps {
  progression: AsyncProgression;
}

const MOVES: Record<Exclude<OperationMove, 'fail'>, { operationId: string; summary: string }> = {
  advance: { operationId: 'advanceOperation', summary: 'One step: INITIALIZED → RUNNING; RUNNING → its job runs now and the operation ends as it would in auto mode' },
  complete: { operationId: 'completeOperation', summary: 'Run the operation to its natural end now' },
  timeout: { operationId: 'timeOutOperation', summary: 'End the operation TIMEDOUT now, as the time-out rule would' },
};

const MOVE_NOTE = "Subscription operations, rating runs and export runs alike; afterwards the family's status path (`location`) answers the family's exact body. " +
  'An unknown id is a 404; an operation that has ended (or whose job a worker is running) is a 409.';

export function registerAsyncRoutes(root: FastifyInstance, deps: AsyncRouteDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/_consumo/async',
    { config: { permission }, schema: { tags, description: STAND_IN_ONLY, operationId: 'getAsyncSettings', summary: 'Read how asynchronous operations progress', response: { 200: AsyncState, ...errorResponses(401, 403) } } },
    async () => ({ ...deps.progression.settings, held: await deps.jobs.countHeld() }),
  );
  app.put(
    '/_consumo/async',
    {
      config: { permission },
      schema: {
        tags, operationId: 'setAsyncSettings', summary: 'Make new asynchronous operations progress by themselves (after a delay) or only when moved',
        description: `${STAND_IN_ONLY} ` +
          'manual: operations accepted from now on stay INITIALIZED until moved with /_consumo/operations/{id}/advance, complete, fail or timeout. ' +
          'auto: the job worker takes them, each delayMs of real time after it was accepted (a frozen clock does not stall it); switching to auto releases every held operation.',
        body: AsyncSettingsUpdate, response: { 200: AsyncSettingsResult, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request) => {
      const settings = { mode: request.body.mode, delayMs: request.body.delayMs ?? 0 };
      const released = await deps.progression.set(settings);
      return { ...settings, released };
    },
  );
  for (const [move, doc] of Object.entries(MOVES) as [Exclude<OperationMove, 'fail'>, (typeof MOVES)[keyof typeof MOVES]][]) {
    app.post(
      `/_consumo/operations/:id/${move}`,
      {
        config: { permission },
        schema: { tags, operationId: doc.operationId, summary: doc.summary, description: `${STAND_IN_ONLY} ${MOVE_NOTE}`, params: OperationParams, response: { 200: MovedOperation, ...errorResponses(401, 403, 404, 409) } },
      },
      (request) => moveOperation(deps, request.params.id, move),
    );
  }
  app.post(
    '/_consumo/operations/:id/fail',
    {
      config: { permission },
      schema: {
        tags, operationId: 'failOperation', summary: "End the operation FAILED now, its error from the error catalog in the family's FAILED body",
        description: `${STAND_IN_ONLY} ${MOVE_NOTE}`,
        params: OperationParams, body: FailOperation, response: { 200: MovedOperation, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
      // The body is optional: none (or JSON null) reads as `{}`, the default error.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
    },
    (request) => moveOperation(deps, request.params.id, 'fail', request.body),
  );
}
