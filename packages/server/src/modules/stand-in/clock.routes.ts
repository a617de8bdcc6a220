/** The stand-in clock's routes (ADR 0023, "The clock"): read it, and set, advance or release it. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../platform/http/error-responses.js';
import { type ClockServiceDeps, clockState, moveClock } from './clock.service.js';
import { ClockMove, ClockMoveResult, ClockState, STAND_IN_ONLY } from './stand-in.schemas.js';

const tags = ['Stand-in'];
const permission = 'platform.workspaces.manage' as const;

export function registerClockRoutes(root: FastifyInstance, deps: ClockServiceDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/_consumo/clock',
    { config: { permission }, schema: { tags, description: STAND_IN_ONLY, operationId: 'getClock', summary: "Read the clock every time-dependent rule reads", response: { 200: ClockState, ...errorResponses(401, 403) } } },
    async () => clockState(deps.clock),
  );
  app.put(
    '/_consumo/clock',
    {
      config: { permission },
      schema: {
        tags, operationId: 'moveClock', summary: 'Set the clock, advance it, or return it to the real time',
        description: `${STAND_IN_ONLY} ` +
          'Exactly one of now (freeze at that instant; backwards allowed), advanceBy (forward by an ISO 8601 duration, then frozen) or realTime: true. ' +
          'After the move, export schedules due at the new time start their runs (once each, however much time was skipped) and every workspace with budgets gets a budget-alert evaluation at the new time covering the periods passed; the answer says what was started.',
        body: ClockMove, response: { 200: ClockMoveResult, ...errorResponses(400, 401, 403, 415) },
      },
    },
    (request) => moveClock(deps, request.body),
  );
}
