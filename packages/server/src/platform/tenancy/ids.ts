/** Workspace ids: 32 lowercase hex digits, as GreenLake's (clients and resources are UUIDs: platform/formats). */
import { randomBytes } from 'node:crypto';
import { hyphenated, parseUuid } from '../formats/index.js';

export const WORKSPACE_ID_PATTERN = '^[0-9a-f]{32}$';

const workspaceRe = new RegExp(WORKSPACE_ID_PATTERN);

export function newWorkspaceId(): string {
  return randomBytes(16).toString('hex');
}

export function isWorkspaceId(value: string): boolean {
  return workspaceRe.test(value);
}

/** A workspace id in the dashed 8-4-4-4-12 form VMware Cloud Partner Navigator shows organization ids in. */
export const dashedWorkspaceId = (id: string): string => hyphenated(id);

/** A workspace id given in either form (32 hex digits, or dashed; any case), or undefined when it is neither. */
export function readWorkspaceId(text: string): string | undefined {
  return parseUuid(text, 'hex32')?.replaceAll('-', '');
}
