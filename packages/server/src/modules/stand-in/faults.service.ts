/**
 * Injected faults (ADR 0023): per-process rules matched against every request outside the control
 * plane, in the order they were added. A fault's `times` is counted when it is taken, synchronously,
 * so concurrent requests can never take it more often than asked; `probability` draws first, and a
 * request the draw spares does not count.
 */
import { randomUUID } from 'node:crypto';
import { badRequest } from '../../platform/errors/index.js';
import { CONTROL_PREFIX, globToRegExp } from './path-glob.js';

export interface FaultMatch {
  /** An HTTP method, or `*` (the default) for any. */
  method?: string;
  /** A path glob: `*` within one segment, `**` across segments. */
  path: string;
  /** Only requests authenticated in this workspace. */
  workspaceId?: string;
}

export interface FaultAction {
  /** The status to answer; absent: the request is served as usual (after `latencyMs`), or cut (`dropConnection`) with a 200. */
  status?: number;
  /** The body to answer; absent: the path's family envelope for the status (GreenLake, OAuth2, VMware, Cloud Cruiser). */
  body?: unknown;
  headers?: Record<string, string>;
  /** A delay before the request is answered (served or failed). */
  latencyMs?: number;
  /** Send the headers and half the body, then close the connection. */
  dropConnection?: boolean;
}

export interface FaultSpec {
  match: FaultMatch;
  action: FaultAction;
  /** The chance that a matching request is hit, 0 < p ≤ 1 (default 1). */
  probability?: number;
  /** Hit this many requests, then stop (default: every one until deleted). */
  times?: number;
}

export interface Fault extends Omit<FaultSpec, 'probability'> {
  id: string;
  probability: number;
  createdAt: string;
  /** Requests hit so far. */
  hits: number;
  /** Hits left, or null when unbounded. */
  remaining: number | null;
}

interface Entry {
  fault: Fault;
  method: string;
  path: RegExp;
}

export class FaultBook {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  add(spec: FaultSpec): Fault {
    const issues = [];
    if (!spec.match.path.startsWith('/')) issues.push({ source: 'field' as const, subject: 'match.path', description: 'A path glob starts with /.' });
    if (spec.match.path === CONTROL_PREFIX || spec.match.path.startsWith(`${CONTROL_PREFIX}/`)) {
      issues.push({ source: 'field' as const, subject: 'match.path', description: 'Faults never touch the control plane (/_consumo/).' });
    }
    const { action } = spec;
    if (action.status === undefined && action.latencyMs === undefined && !action.dropConnection) {
      issues.push({ source: 'field' as const, subject: 'action', description: 'An action needs a status, a latencyMs or dropConnection.' });
    }
    if (action.body !== undefined && action.status === undefined && !action.dropConnection) {
      issues.push({ source: 'field' as const, subject: 'action.body', description: 'A body is answered with a status: give action.status.' });
    }
    if (issues.length > 0) throw badRequest(issues);
    const fault: Fault = {
      id: randomUUID(),
      createdAt: new Date(this.now()).toISOString(),
      match: { method: (spec.match.method ?? '*').toUpperCase(), path: spec.match.path, ...(spec.match.workspaceId !== undefined && { workspaceId: spec.match.workspaceId }) },
      action: spec.action,
      probability: spec.probability ?? 1,
      ...(spec.times !== undefined && { times: spec.times }),
      hits: 0,
      remaining: spec.times ?? null,
    };
    this.entries.set(fault.id, { fault, method: fault.match.method!, path: globToRegExp(fault.match.path) });
    return structuredClone(fault);
  }

  list(): Fault[] {
    return [...this.entries.values()].map((e) => structuredClone(e.fault));
  }

  delete(id: string): boolean {
    return this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * The first fault that takes this request, counted. `workspaceId` undefined: the phase before
   * authentication, where only faults without a workspace apply; given: the phase after it, where
   * only that workspace's faults apply.
   */
  take(method: string, path: string, workspaceId: string | undefined): Fault | undefined {
    for (const { fault, method: m, path: glob } of this.entries.values()) {
      if ((fault.match.workspaceId ?? undefined) !== workspaceId) continue;
      if (fault.remaining === 0) continue;
      if (m !== '*' && m !== method.toUpperCase()) continue;
      if (!glob.test(path)) continue;
      if (fault.probability < 1 && this.random() >= fault.probability) continue;
      fault.hits += 1;
      if (fault.remaining !== null) fault.remaining -= 1;
      return fault;
    }
    return undefined;
  }
}
