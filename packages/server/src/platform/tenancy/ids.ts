/** Identifier formats: GreenLake workspace ids are 32 lowercase hex digits; clients and resources are UUIDs. */
import { randomBytes } from 'node:crypto';

export const WORKSPACE_ID_PATTERN = '^[0-9a-f]{32}$';
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const uuidRe = new RegExp(UUID_PATTERN);
const workspaceRe = new RegExp(WORKSPACE_ID_PATTERN);

export function newWorkspaceId(): string {
  return randomBytes(16).toString('hex');
}

export function isUuid(value: string): boolean {
  return uuidRe.test(value);
}

export function isWorkspaceId(value: string): boolean {
  return workspaceRe.test(value);
}
