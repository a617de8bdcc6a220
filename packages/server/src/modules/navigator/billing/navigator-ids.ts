/**
 * The ids Navigator shows for what Consumo derives (ADR 0020): a service definition id is a name-based
 * UUID (RFC 9562 version 5) of the service's name, so one service has one id in every organization,
 * as Navigator's service definitions are global; a subscription id is one of the organization and
 * the service, stable for as long as both exist.
 */
import { createHash } from 'node:crypto';
import { hyphenated } from '../../../platform/formats/index.js';

/** Consumo's namespace for Navigator names (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1d1c2e8a3b4c5d9e0f7a6b5c4d3e2f', 'hex');

export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  return hyphenated(hash.subarray(0, 16).toString('hex'));
}

/**
 * Ids worked out before, by name: a report names the same few services and subscriptions on every
 * call (an all-tenants report of the benchmark: 800 SHA-1s). Bounded: emptied when full.
 */
const remembered = new Map<string, string>();
const REMEMBERED_IDS = 8192;

function rememberedUuidV5(name: string): string {
  let id = remembered.get(name);
  if (id === undefined) {
    if (remembered.size >= REMEMBERED_IDS) remembered.clear();
    id = uuidV5(name);
    remembered.set(name, id);
  }
  return id;
}

export const serviceDefIdOf = (serviceName: string) => rememberedUuidV5(`service:${serviceName}`);

export const subscriptionIdOf = (workspaceId: string, serviceName: string) => rememberedUuidV5(`subscription:${workspaceId}:${serviceName}`);
