/** Stand-in mode's control plane (/_consumo/, CONSUMO_STAND_IN=1) as typed calls: reset, snapshots, the clock, faults, request log. */
import type { ConsumoClient } from './index.js';
import { unwrap } from './index.js';
import type { operations } from './schema.js';

type Body<Op extends keyof operations> = operations[Op] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Query<Op extends keyof operations> = operations[Op] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type ResetRequest = Body<'resetState'>;
export type FaultRequest = Body<'createFault'>;
export type RequestLogQuery = Query<'listLoggedRequests'>;
export type ClockMove = Body<'moveClock'>;

/** The control plane of a Consumo started with CONSUMO_STAND_IN=1, called as its operator (platform-admin of the system workspace). */
export function standIn(client: ConsumoClient) {
  return {
    /** Everything back to empty (the caller's credentials stay), or one workspace; `demo: true` seeds the demo again. */
    reset: async (body: ResetRequest = {}) => unwrap(await client.POST('/_consumo/reset', { body })),
    snapshots: {
      create: async (name: string, workspaceId?: string) =>
        unwrap(await client.POST('/_consumo/snapshots', { body: { name, ...(workspaceId !== undefined && { workspaceId }) } })),
      list: async () => unwrap(await client.GET('/_consumo/snapshots')).items,
      restore: async (name: string) => unwrap(await client.POST('/_consumo/snapshots/{name}/restore', { params: { path: { name } } })),
      delete: async (name: string) => {
        unwrap(await client.DELETE('/_consumo/snapshots/{name}', { params: { path: { name } } }));
      },
    },
    clock: {
      /** The clock every time-dependent rule reads: {now, frozen}. */
      get: async () => unwrap(await client.GET('/_consumo/clock')),
      /** Freezes the clock at an RFC 3339 time (earlier is allowed); answers what the move started. */
      set: async (now: string) => unwrap(await client.PUT('/_consumo/clock', { body: { now } })),
      /** Moves it forward by an ISO 8601 duration (P1D, PT1H, P1DT2H30M) and freezes it there. */
      advance: async (advanceBy: string) => unwrap(await client.PUT('/_consumo/clock', { body: { advanceBy } })),
      /** Back to the real time. */
      real: async () => unwrap(await client.PUT('/_consumo/clock', { body: { realTime: true } })),
    },
    faults: {
      add: async (fault: FaultRequest) => unwrap(await client.POST('/_consumo/faults', { body: fault })),
      list: async () => unwrap(await client.GET('/_consumo/faults')).items,
      delete: async (id: string) => {
        unwrap(await client.DELETE('/_consumo/faults/{id}', { params: { path: { id } } }));
      },
      clear: async () => {
        unwrap(await client.DELETE('/_consumo/faults'));
      },
    },
    requests: {
      /** Newest first. */
      list: async (query: RequestLogQuery = {}) => unwrap(await client.GET('/_consumo/requests', { params: { query } })),
      clear: async () => {
        unwrap(await client.DELETE('/_consumo/requests'));
      },
    },
  };
}

export type StandInControl = ReturnType<typeof standIn>;
