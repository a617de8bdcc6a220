/**
 * docs/fidelity.md: for each vendor operation of the seeds, what Consumo serves (statuses, limits,
 * async behaviour, error bodies), what it inferred and where that is decided, and what it does not
 * serve — the catalogue (vendor-operations.ts) joined with the routes the server really adds.
 * `fidelityProblems` lists every disagreement between the two; the docs test requires none.
 */
import { EXTENSIONS, FAMILIES, type Family, VENDOR_OPERATIONS, type VendorOperation } from './vendor-operations.js';
import type { ServedRoute } from './served-routes.js';

const key = (method: string, path: string) => `${method} ${path}`;

/** Each disagreement between the catalogue and the routes, in words; empty when they agree. */
export function fidelityProblems(routes: ServedRoute[], adrFiles: string[]): string[] {
  const problems: string[] = [];
  const served = new Map(routes.map((r) => [key(r.method, r.path), r]));
  const catalogued = new Set([...VENDOR_OPERATIONS.map((op) => key(op.method, op.path)), ...EXTENSIONS.map((e) => key(e.method, e.path))]);
  for (const op of VENDOR_OPERATIONS) {
    const route = served.get(key(op.method, op.path));
    if (op.notServed && route) problems.push(`${key(op.method, op.path)} is served but catalogued as not served`);
    if (!op.notServed && !route) problems.push(`${key(op.method, op.path)} is catalogued as served but no route serves it`);
    if (route && op.documentedLimitPerMinute !== undefined) {
      const perMinute = route.rateLimit && (route.rateLimit.limit * 60_000) / route.rateLimit.windowMs;
      if (perMinute !== op.documentedLimitPerMinute) {
        problems.push(`${key(op.method, op.path)} serves ${perMinute ?? 'no'} requests a minute; the vendor publishes ${op.documentedLimitPerMinute}`);
      }
    }
  }
  for (const extension of EXTENSIONS) {
    if (!served.has(key(extension.method, extension.path))) problems.push(`extension ${key(extension.method, extension.path)} has no route`);
  }
  for (const route of routes) {
    const family = FAMILIES.find((f) => f.prefixes.some((p) => route.path.startsWith(p)));
    if (family && !catalogued.has(key(route.method, route.path))) {
      problems.push(`${key(route.method, route.path)} is under ${family.title} but neither a vendor operation nor an extension`);
    }
  }
  const adrs = [...VENDOR_OPERATIONS.flatMap((op) => (op.inferred ?? []).map((i) => i.adr)), ...EXTENSIONS.map((e) => e.adr)];
  for (const adr of new Set(adrs)) {
    if (!adrFiles.some((f) => f.startsWith(`${adr}-`))) problems.push(`ADR ${adr} is cited but docs/adr has no ${adr}-*.md`);
  }
  return problems;
}

const SOURCE_WORDS: Record<VendorOperation['documentedIn'], string> = {
  seed: 'the API page',
  reference: 'the fuller spec',
  inferred: 'not published',
};

function adrLink(adr: string, adrFiles: string[]): string {
  const file = adrFiles.find((f) => f.startsWith(`${adr}-`));
  return file ? `[ADR ${adr}](adr/${file})` : `ADR ${adr}`;
}

function limitCell(route: ServedRoute | undefined, op: VendorOperation): string {
  if (!route?.rateLimit) return '—';
  const perMinute = (route.rateLimit.limit * 60_000) / route.rateLimit.windowMs;
  return `${perMinute}/min${op.documentedLimitPerMinute !== undefined ? ' (published)' : ' (ours)'}`;
}

function statusesCell(route: ServedRoute): string {
  if (route.hiddenFromOpenApi) return 'XML, see the family';
  return route.statuses.join(', ');
}

function authCell(route: ServedRoute): string {
  const ways = ['bearer'];
  if (route.cspAuth) ways.unshift('`csp-auth-token`');
  if (route.basicAuth) ways.push('Basic');
  return route.permission ? `${ways.join(' or ')}; \`${route.permission}\`` : 'none (credentials in the body)';
}

function familySection(family: Family, routes: Map<string, ServedRoute>, adrFiles: string[]): string[] {
  const ops = VENDOR_OPERATIONS.filter((op) => op.family === family.id);
  const servedOps = ops.filter((op) => !op.notServed);
  const lines = [
    `## ${family.title}`,
    '',
    `- **Described by:** ${family.source}`,
    `- **Errors:** ${family.errors}`,
    `- **Authentication:** ${family.auth}`,
    `- **Limits:** ${family.limits}`,
    '',
    '| Operation | Method and path | Documented in | Statuses served | Token; permission | Limit |',
    '|---|---|---|---|---|---|',
  ];
  for (const op of servedOps) {
    const route = routes.get(key(op.method, op.path))!;
    lines.push(`| ${op.name} | \`${op.method} ${op.path}\` | ${SOURCE_WORDS[op.documentedIn]} | ${statusesCell(route)} | ${authCell(route)} | ${limitCell(route, op)} |`);
  }
  const asyncOps = servedOps.filter((op) => op.async);
  if (asyncOps.length) {
    lines.push('', '**Asynchronous behaviour**', '');
    for (const op of asyncOps) lines.push(`- ${op.name}: ${op.async}.`);
  }
  const inferred = servedOps.filter((op) => op.inferred?.length);
  if (inferred.length) {
    lines.push('', '**Inferred where the vendor is silent**', '');
    for (const op of inferred) {
      for (const i of op.inferred!) lines.push(`- ${op.name}: ${i.what} — ${adrLink(i.adr, adrFiles)}.`);
    }
  }
  const notServed = ops.filter((op) => op.notServed);
  if (notServed.length) {
    lines.push('', '**Not served**', '');
    for (const op of notServed) lines.push(`- ${op.name} (\`${op.method} ${op.path}\`): ${op.notServed}.`);
  }
  const extensions = EXTENSIONS.filter((e) => family.prefixes.some((p) => e.path.startsWith(p)));
  if (extensions.length) {
    lines.push('', "**Consumo's additions under these paths** (not the vendor's)", '');
    for (const e of extensions) lines.push(`- \`${e.method} ${e.path}\`: ${e.why} — ${adrLink(e.adr, adrFiles)}.`);
  }
  lines.push('');
  return lines;
}

/** The whole document, from the routes served and the ADR file names (for links). */
export function fidelityReport(routes: ServedRoute[], adrFiles: string[]): string {
  const byKey = new Map(routes.map((r) => [key(r.method, r.path), r]));
  const lines = [
    '# Fidelity: what Consumo serves of each vendor API',
    '',
    '<!-- Generated by `npm run docs` from packages/server/src/scripts/fidelity (the vendor catalogue)',
    '     and the routes the server adds; the docs test fails when this file, the catalogue or the',
    '     routes disagree. Edit the catalogue, not this file. -->',
    '',
    "For each operation the vendors' public documents describe (each family's API page, and the fuller",
    'specifications beside it): what Consumo serves, what it had to infer where the vendor is silent (with the decision',
    'record), and what it does not serve. "Statuses served" are those the route documents in',
    '`openapi.json`; every route may also answer 405 (with `Allow`) for another method, 413 for a body',
    "over the limit and 503 (with `Retry-After`) while draining, each in the family's error body (ADR",
    '0022). Rate-limited routes send `X-RateLimit-Limit`, `-Remaining` and `-Reset` on every answer and',
    '`Retry-After` on a 429. In stand-in mode (`CONSUMO_STAND_IN=1`) every operation below can also be',
    'made to fail, slow down or drop its connection by a fault (`/_consumo/faults`), and asynchronous',
    'operations can be held and moved by hand (`/_consumo/async`).',
    '',
    '| Family | Operations described | Served | Inferred decisions | Not served | Additions |',
    '|---|---|---|---|---|---|',
  ];
  for (const family of FAMILIES) {
    const ops = VENDOR_OPERATIONS.filter((op) => op.family === family.id);
    const served = ops.filter((op) => !op.notServed);
    const inferences = served.reduce((n, op) => n + (op.inferred?.length ?? 0), 0);
    const additions = EXTENSIONS.filter((e) => family.prefixes.some((p) => e.path.startsWith(p))).length;
    lines.push(`| ${family.title} | ${ops.length} | ${served.length} | ${inferences} | ${ops.length - served.length} | ${additions} |`);
  }
  lines.push('');
  for (const family of FAMILIES) lines.push(...familySection(family, byKey, adrFiles));
  return `${lines.join('\n').trimEnd()}\n`;
}
