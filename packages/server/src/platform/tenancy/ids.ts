/** Workspace ids: 32 lowercase hex digits, as GreenLake's (clients and resources are UUIDs: platform/formats). */
import { randomBytes } from 'node:crypto';

export const WORKSPACE_ID_PATTERN = '^[0-9a-f]{32}$';

const workspaceRe = new RegExp(WORKSPACE_ID_PATTERN);

export function newWorkspaceId(): string {
  return randomBytes(16).toString('hex');
}

export function isWorkspaceId(value: string): boolean {
  return workspaceRe.test(value);
}
