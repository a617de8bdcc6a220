/**
 * Issue 15 point 3: If-Match optimistic concurrency under a 20-way race. Auto-subscription settings
 * are the one resource that honours If-Match (a generation number); 20 PATCHes naming the same
 * current generation must let exactly one through and refuse the others with the documented 412.
 */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';

const RACERS = 20;
const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

/** The settings id of a workspace: its 32 hex digits written as a UUID. */
const uuidOf = (w: string) => `${w.slice(0, 8)}-${w.slice(8, 12)}-${w.slice(12, 16)}-${w.slice(16, 20)}-${w.slice(20)}`;

interface Setting {
  deviceType: string;
  tier: string;
}

/** 20 distinct settings lists (every tier combination of five device types, the first 20), so the winner is recognisable. */
function distinctChanges(): Setting[][] {
  const choices: [string, string[]][] = [
    ['AP', ['FOUNDATION_AP', 'ADVANCED_AP']],
    ['SWITCH', ['FOUNDATION_SWITCH', 'ADVANCED_SWITCH']],
    ['GATEWAY', ['FOUNDATION_GW', 'ADVANCED_GW']],
    ['COMPUTE', ['STANDARD_COMPUTE', 'ENHANCED_COMPUTE']],
    ['NW_THIRD_PARTY', ['FOUNDATION_NW_THIRD_PARTY', 'ADVANCED_NW_THIRD_PARTY']],
  ];
  return Array.from({ length: RACERS }, (_, n) => choices.map(([deviceType, tiers], bit) => ({ deviceType, tier: tiers[(n >> bit) & 1]! })));
}

const byType = (s: readonly Setting[]) => [...s].sort((a, b) => a.deviceType.localeCompare(b.deviceType));

describe.each(testEngines())('auto-subscription settings If-Match under a 20-way race (%s)', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => {
    t = app;
  });

  it('lets exactly one of 20 PATCHes carrying the current generation through; the 19 others get 412 and change nothing', async () => {
    const tenant = await t.tenant(['subscriptions-editor'], 'if-match-race');
    const path = `/subscriptions/v1/auto-subscription-settings/${uuidOf(tenant.workspaceId)}`;
    const before = await t.call({ method: 'GET', url: path, token: tenant.token });
    expect(before.statusCode).toBe(200);
    const generation = before.json().generation as number;
    expect(generation).toBe(1);

    const changes = distinctChanges();
    expect(new Set(changes.map((c) => JSON.stringify(c))).size).toBe(RACERS);
    const results = await Promise.all(
      changes.map((settings) =>
        t.call({
          method: 'PATCH',
          url: path,
          token: tenant.token,
          headers: { ...MERGE_PATCH, 'if-match': String(generation) },
          payload: JSON.stringify({ autoSubscriptionSettings: settings }),
        }),
      ),
    );

    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(RACERS - 1);
    const winnerIndex = statuses.indexOf(200);
    const winner = results[winnerIndex]!.json();
    expect(winner.generation).toBe(generation + 1);
    expect(byType(winner.autoSubscriptionSettings)).toEqual(byType(changes[winnerIndex]!));

    for (const loser of results.filter((r) => r.statusCode === 412)) {
      expect(loser.json()).toEqual({
        httpStatusCode: 412,
        errorCode: 'HPE_GL_ERROR_PRECONDITION_FAILED',
        message: expect.any(String),
        debugId: expect.any(String),
        errorDetails: [
          {
            type: 'hpe.greenlake.precondition_failed',
            issues: [{ source: 'header', subject: 'If-Match', description: `If-Match names generation 1; the current generation is 2.` }],
          },
        ],
      });
    }

    // Stored: the winner's change, the generation advanced exactly once.
    const after = (await t.call({ method: 'GET', url: path, token: tenant.token })).json();
    expect(after.generation).toBe(generation + 1);
    expect(byType(after.autoSubscriptionSettings)).toEqual(byType(changes[winnerIndex]!));
    expect(after).toEqual(winner);
  });
});
