/**
 * `consumo subscriptions …` against a running server process: add with tags and --wait (exit 0,
 * each key with its subscription id), a key that cannot be claimed (exit 1 and the reason), more
 * than five keys (several requests, all followed), dry run, list with filter and filter-tags, get,
 * operation, and the exit code 2 of usage and API errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eDatabase, e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { type ServerProcess, runCli, startServerProcess } from '../support/server-process.js';
import { type Bootstrap, cliEnv, fetchToken, fixedBootstrap, issueKeys, keyPrefix } from '../support/subscription-e2e.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The id printed on the line `KEY  succeeded  <id>`, if any. */
const succeededId = (stdout: string, key: string) => new RegExp(`^${escape(key)}\\s+succeeded\\s+(${UUID})\\s*$`, 'm').exec(stdout)?.[1];

// The engines run side by side; within one, the steps run in order (later ones read what earlier ones added).
describe.concurrent.each(e2eEngines())('consumo subscriptions on %s', (engine) => {
  let database: E2eDatabase;
  let server: ServerProcess;
  let boot: Bootstrap;
  let keys: string[];
  const cli = (...args: string[]) => runCli(['subscriptions', ...args], { cwd: database.dir, env: cliEnv(server.url, boot) });

  beforeAll(async () => {
    database = await e2eDatabase(engine);
    boot = fixedBootstrap();
    server = await startServerProcess(
      { DATABASE_URL: database.url, CONSUMO_DEMO: '0', CONSUMO_RATE_LIMIT_MULTIPLIER: '100', CONSUMO_ASYNC_STEP_DELAY_MS: '20', ...boot.env },
      database.dir,
    );
    const prefix = keyPrefix('CLI');
    keys = Array.from({ length: 12 }, (_, i) => `${prefix}-K${i + 1}`);
    await issueKeys(server.url, await fetchToken(server.url, boot), keys);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.sequential('add K1 K2 --tag Location=Lab --wait: exit 0, both keys with their subscription ids', async () => {
    const r = await cli('add', keys[0]!, keys[1]!, '--tag', 'Location=Lab', '--wait');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^operation: ${UUID}$`, 'm'));
    expect(r.stdout).toMatch(/: SUCCEEDED$/m);
    expect(succeededId(r.stdout, keys[0]!)).toBeDefined();
    expect(succeededId(r.stdout, keys[1]!)).toBeDefined();
    expect(r.stdout).toContain('2 succeeded, 0 failed');
    // Not a terminal: progress comes as lines on stderr, ending at 100 %.
    expect(r.stderr).toMatch(/SUCCEEDED 100%/);

    const shown = await cli('get', succeededId(r.stdout, keys[0]!)!);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^key:\\s+${escape(keys[0]!)}$`, 'm'));
    expect(shown.stdout).toMatch(/^tags:\s+Location=Lab$/m);
  });

  it.sequential('an unknown key: exit 1, the reason and message printed; the other key is still claimed', async () => {
    const unknown = `${keys[0]}-NOPE`;
    const r = await cli('add', keys[2]!, unknown, '--wait');
    expect(r.code, r.stderr).toBe(1);
    expect(succeededId(r.stdout, keys[2]!)).toBeDefined();
    expect(r.stdout).toMatch(new RegExp(`^${escape(unknown)}\\s+failed\\s+KEY_NOT_FOUND\\s+Subscription key \\[${escape(unknown)}\\] was not found\\.$`, 'm'));
    expect(r.stdout).toContain('1 succeeded, 1 failed');

    const again = await cli('add', keys[0]!, '--wait');
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/: FAILED — /);
    expect(again.stdout).toContain('KEY_ALREADY_IN_WORKSPACE');
  });

  it.sequential('more than five keys: several requests, each followed; without --wait the ids, then `operation ID --wait`', async () => {
    const seven = keys.slice(3, 10);
    const r = await cli('add', ...seven, '--wait');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(new RegExp(`^operation: ${UUID}$`, 'gm'))).toHaveLength(2);
    for (const key of seven) expect(succeededId(r.stdout, key), key).toBeDefined();

    const queued = await cli('add', keys[10]!);
    expect(queued.code, queued.stderr).toBe(0);
    const id = new RegExp(`^operation: (${UUID})$`, 'm').exec(queued.stdout)?.[1];
    expect(id).toBeDefined();
    const followed = await cli('operation', id!, '--wait');
    expect(followed.code, followed.stderr).toBe(0);
    expect(succeededId(followed.stdout, keys[10]!)).toBeDefined();
    const json = await cli('operation', id!, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ id, status: 'SUCCEEDED', progressPercent: 100 });
  });

  it.sequential('--dry-run claims nothing', async () => {
    const r = await cli('add', keys[11]!, '--dry-run', '--wait');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${escape(keys[11]!)}\\s+succeeded\\s+\\(dry run\\)$`, 'm'));
    const listed = await cli('list', '--filter', `key eq '${keys[11]}'`);
    expect(listed.stdout).toContain('0 of 0');
  });

  it.sequential("list --filter \"key eq 'K1'\" prints K1 alone", async () => {
    const r = await cli('list', '--filter', `key eq '${keys[0]}'`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^key\s+subscriptionType\s+subscriptionStatus\s+tier\s+quantity\s+availableQuantity\s+endTime\s+tags/m);
    expect(r.stdout).toMatch(new RegExp(`^${escape(keys[0]!)}\\s+CENTRAL_AP\\s+STARTED\\s+FOUNDATION_AP\\s+20\\s+20\\s+\\S+\\s+Location=Lab\\s+${UUID}$`, 'm'));
    expect(r.stdout).not.toContain(keys[1]);
    expect(r.stdout).toContain('1 of 1');
  });

  it.sequential("list --filter-tags \"'location' eq 'lab'\" finds both tagged keys (tags compare case-insensitively)", async () => {
    const r = await cli('list', '--filter-tags', "'location' eq 'lab'", '--sort', 'key');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(keys[0]);
    expect(r.stdout).toContain(keys[1]);
    expect(r.stdout).not.toContain(keys[2]);
    expect(r.stdout).toContain('2 of 2');
    const json = JSON.parse((await cli('list', '--filter-tags', "'location' eq 'lab'", '--select', 'key', '--json')).stdout);
    expect(json).toMatchObject({ count: 2, total: 2 });
    expect(json.items.map((i: { key: string }) => i.key).sort()).toEqual([keys[0], keys[1]].sort());
  });

  it.sequential("a bad filter exits 2 with the API's message", async () => {
    const r = await cli('list', '--filter', "bogus eq 'x'");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^consumo: HTTP 400 HPE_GL_ERROR_BAD_REQUEST/);
    expect(r.stderr).toContain("unknown field 'bogus'");
  });

  it.sequential('usage and API errors exit 2: --tag without =, a non-numeric --limit, a key twice, limit 500, an unknown id', async () => {
    const [tag, limit, twice, badLimit, missing] = await Promise.all([
      cli('add', keys[0]!, '--tag', 'Location'),
      cli('list', '--limit', 'ten'),
      cli('add', keys[0]!, keys[0]!),
      cli('list', '--limit', '500'),
      cli('get', '00000000-0000-4000-8000-000000000000'),
    ]);
    expect([tag.code, limit.code, twice.code, badLimit.code, missing.code]).toEqual([2, 2, 2, 2, 2]);
    expect(tag.stderr).toContain("--tag expects key=value, got 'Location'");
    expect(limit.stderr).toContain("--limit must be a whole number, got 'ten'");
    expect(twice.stderr).toContain(`key '${keys[0]}' is given twice`);
    expect(badLimit.stderr).toMatch(/^consumo: HTTP 400 .*limit/);
    expect(missing.stderr).toMatch(/^consumo: HTTP 404 HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND/);
  });
});
