/** Stand-in mode's control plane (/_consumo/, CONSUMO_STAND_IN=1) as typed calls: reset, snapshots, the clock, async progression, faults, request log. */
import type { ConsumoClient } from './index.js';
import { unwrap } from './index.js';
import type { operations } from './schema.js';

type Body<Op extends keyof operations> = operations[Op] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Query<Op extends keyof operations> = operations[Op] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type ResetRequest = Body<'resetState'>;
export type FaultRequest = Body<'createFault'>;
export type RequestLogQuery = Query<'listLoggedRequests'>;
export type ClockMove = Body<'moveClock'>;
export type AsyncSettings = Body<'setAsyncSettings'>;
export type FailOperationRequest = Body<'failOperation'>;

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
    async: {
      /** How new asynchronous operations progress: {mode, delayMs, held}. */
      get: async () => unwrap(await client.GET('/_consumo/async')),
      /** manual: new operations wait to be moved; auto: worked at once, or delayMs of real time after being accepted. A switch to auto releases every held one. */
      set: async (settings: AsyncSettings) => unwrap(await client.PUT('/_consumo/async', { body: settings })),
    },
    /** Moves of one subscription operation, rating run or export run; each answers {id, kind, workspaceId, status, location}. */
    operations: {
      /** One step: INITIALIZED → RUNNING; RUNNING → its job runs now and it ends as it would in auto mode. */
      advance: async (id: string) => unwrap(await client.POST('/_consumo/operations/{id}/advance', { params: { path: { id } } })),
      /** Runs it to its natural end now. */
      complete: async (id: string) => unwrap(await client.POST('/_consumo/operations/{id}/complete', { params: { path: { id } } })),
      /** Ends it FAILED with an error of the catalog (default HPE_GL_ERROR_INTERNAL_SERVER_ERROR). */
      fail: async (id: string, failure: FailOperationRequest = {}) => unwrap(await client.POST('/_consumo/operations/{id}/fail', { params: { path: { id } }, body: failure })),
      /** Ends it TIMEDOUT now. */
      timeout: async (id: string) => unwrap(await client.POST('/_consumo/operations/{id}/timeout', { params: { path: { id } } })),
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
