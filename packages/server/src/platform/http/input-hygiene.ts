/**
 * One check for every route of every family (ADR 0022): before validation, the path parameters,
 * the query string and the parsed body (JSON, form, XML alike) are walked once, and a NUL
 * character, a lone surrogate or a body nested past MAX_BODY_DEPTH is a 400 naming the field —
 * rendered in the route's family envelope by its error handler. Nothing of such a request reaches
 * a validator, a service or PostgreSQL.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ApiError, type IssueSource, badRequest } from '../errors/index.js';
import { FAULT_DESCRIPTIONS, fieldName, findInputFault } from './input-faults.js';

const PARTS: { part: 'params' | 'query' | 'body'; source: IssueSource }[] = [
  { part: 'params', source: 'path.parameter' },
  { part: 'query', source: 'query.parameter' },
  { part: 'body', source: 'field' },
];

export function inputFaultOf(request: FastifyRequest): ApiError | undefined {
  for (const { part, source } of PARTS) {
    const fault = findInputFault(request[part]);
    if (!fault) continue;
    // A query or path parameter is named by itself (a repeated one has an index after it, dropped).
    const path = part === 'body' ? fault.path : fault.path.slice(0, 1);
    const subject = fieldName(path) || (part === 'body' ? 'body' : part);
    return badRequest([{ source, subject, description: FAULT_DESCRIPTIONS[fault.kind] }]);
  }
  return undefined;
}

export function installInputHygiene(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request, and a promise each costs more than the walk.
  app.addHook('preValidation', (request, _reply, done) => {
    done(inputFaultOf(request));
  });
}
