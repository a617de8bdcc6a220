/** `consumo serve` as a child process with a bootstrap API client, and a token for it. */
import path from 'node:path';
import { startChild } from './child.mjs';
import { cleanups } from './cleanups.mjs';

/** A client-credentials token from the server's token endpoint. */
export async function tokenFor(url, clientId, clientSecret) {
  const res = await globalThis.fetch(`${url}/as/token.oauth2`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new globalThis.URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

/**
 * @param {{ bin: string, label: string, databaseUrl: string, dataDir: string,
 *   bootstrap: { workspaceId: string, clientId: string, clientSecret: string }, env?: Record<string, string>,
 *   nodeArgs?: string[] }} o  `nodeArgs` go before the script (e.g. `--cpu-prof`, which NODE_OPTIONS does not take)
 * @returns {Promise<{ url: string, pid: number, token: string, stop: () => Promise<void> }>}
 *   The demo off, logs at warn, a rate-limit multiplier that counts every request but refuses none,
 *   and tokens that last a day (the one token is used for the whole run).
 */
export async function startConsumoServer(o) {
  const server = await startChild({
    label: o.label,
    args: [...(o.nodeArgs ?? []), o.bin, 'serve'],
    cwd: o.dataDir,
    env: {
      DATABASE_URL: o.databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
      CONSUMO_DEMO: '0',
      CONSUMO_RATE_LIMIT_MULTIPLIER: '100000',
      // One token for the whole run: a full focus-export run outlived the default 15 minutes (401, token expired).
      CONSUMO_TOKEN_TTL: '86400',
      CONSUMO_BOOTSTRAP_WORKSPACE_ID: o.bootstrap.workspaceId,
      CONSUMO_BOOTSTRAP_CLIENT_ID: o.bootstrap.clientId,
      CONSUMO_BOOTSTRAP_CLIENT_SECRET: o.bootstrap.clientSecret,
      CONSUMO_CREDENTIALS_FILE: path.join(o.dataDir, `credentials-${o.label.replace(/\W+/g, '-')}.json`),
      ...o.env,
    },
    ready: /listening on (http:\/\/\S+)/,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop();
  };
  cleanups.push(stop);
  const token = await tokenFor(server.url, o.bootstrap.clientId, o.bootstrap.clientSecret);
  return { ...server, token, stop };
}
