/**
 * The web console in a real browser (ADR 0027, issue 16 point 10): a real `consumo serve` child
 * process on a file PGlite database in a temp directory, with a fixed bootstrap admin user, and
 * Debian's Chromium driven by playwright-core (which never downloads a browser). One server and one
 * browser per test file, a new browser context per test.
 *
 * These tests run once, on the embedded database: with CONSUMO_TEST_ENGINES not naming pglite
 * (the PostgreSQL matrix) they skip, as they do when no Chromium is found (CONSUMO_CHROMIUM).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { copyDataDir, e2eEngines } from '../../support/e2e-databases.js';
import { migratedPGliteDirectory } from '../../../packages/server/test/support/test-databases.js';
import { type ServerProcess, REPO, printed, startServerProcess } from '../../support/server-process.js';

export const ADMIN_EMAIL = 'admin@console-e2e.test';
export const ADMIN_PASSWORD = 'console-e2e-admin-password';
export const CHROMIUM = process.env.CONSUMO_CHROMIUM || '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
/** The Content-Security-Policy ADR 0027 sets on every /console/ response. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const CONSOLE_BUILD = path.join(REPO, 'packages', 'console', 'dist', 'index.html');

/** Why this machine cannot run the browser tests, or undefined when it can. */
export function skipReason(): string | undefined {
  if (!e2eEngines().includes('pglite'))
    return `the console's browser tests run once, on the embedded database, and CONSUMO_TEST_ENGINES=${process.env.CONSUMO_TEST_ENGINES ?? ''} leaves PGlite out`;
  if (!existsSync(CHROMIUM))
    return `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CONSUMO_CHROMIUM to a Chromium executable`;
  return undefined;
}

/** The describe title: says why it is skipped when it is. */
export function suiteTitle(title: string, reason: string | undefined): string {
  if (reason) console.warn(`[skip] ${title}: ${reason}`);
  return reason ? `${title} (skipped: ${reason})` : title;
}

export interface ConsoleServer {
  url: string;
  workspaceId: string;
  server: ServerProcess;
  stop(): Promise<void>;
}

/** The server code a demo directory was seeded by: every built package the server runs (not the console). */
function builtServerHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.js') || entry.name.endsWith('.json')) hash.update(p).update(readFileSync(p));
    }
  };
  for (const pkg of ['cli', 'server', 'focus', 'filter']) walk(path.join(REPO, 'packages', pkg, 'dist'));
  return hash.digest('hex').slice(0, 16);
}

interface DemoTemplate {
  /** The seeded PGlite data directory, to copy (never opened in place). */
  dataDir: string;
  workspaceId: string;
}

let demoTemplate: Promise<DemoTemplate> | undefined;

/**
 * The demo's first start, once: a real `consumo serve` with CONSUMO_DEMO=1 and the fixed admin
 * seeds a migrated directory and is stopped gracefully; each console test file then starts its
 * server on a copy, which finds its workspace and demo in place and seeds nothing. Seeding (and the
 * start before it) cost ~15 s a file on two cores, more under CI's load; the first start itself is
 * tested where it matters (e2e/api/first-run, startup, demo-seeding-crash). The directory is keyed
 * by the built server code, the admin and the UTC day (the demo's usage runs up to the day it was
 * seeded), made under a temporary name and renamed into place, so parallel files never read half of
 * one; older ones are removed when a new one is made.
 */
async function makeDemoTemplate(): Promise<DemoTemplate> {
  const cacheDir = path.join(REPO, 'node_modules', '.cache', 'consumo-test-databases');
  const day = new Date().toISOString().slice(0, 10);
  const key = createHash('sha256').update(`${builtServerHash()}|${ADMIN_EMAIL}|${ADMIN_PASSWORD}|${day}`).digest('hex').slice(0, 16);
  const final = path.join(cacheDir, `console-demo-${key}`);
  const read = (): DemoTemplate => ({
    dataDir: path.join(final, 'db'),
    workspaceId: (JSON.parse(readFileSync(path.join(final, 'workspace.json'), 'utf8')) as { workspaceId: string }).workspaceId,
  });
  if (existsSync(path.join(final, 'workspace.json'))) return read();
  mkdirSync(cacheDir, { recursive: true });
  const partial = mkdtempSync(path.join(cacheDir, `console-demo-${key}.partial-`));
  try {
    const seeded = await startFirstServer(path.join(partial, 'db'), partial, true);
    const workspaceId = seeded.workspaceId;
    const code = await seeded.server.stop();
    if (code !== 0) throw new Error(`the demo template's server exited with ${code}:\n${seeded.server.output()}`);
    writeFileSync(path.join(partial, 'workspace.json'), JSON.stringify({ workspaceId }));
    for (const old of readdirSync(cacheDir)) {
      if (old.startsWith('console-demo-') && !old.startsWith(`console-demo-${key}`)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
    }
    try {
      renameSync(partial, final);
    } catch (err) {
      if (!existsSync(path.join(final, 'workspace.json'))) throw err; // another file made it first
    }
    return read();
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** The first start of `consumo serve` on a migrated copy at dataDir: the fixed admin, with or without the demo. */
async function startFirstServer(dataDir: string, cwd: string, demo: boolean): Promise<{ server: ServerProcess; workspaceId: string }> {
  copyDataDir(await migratedPGliteDirectory(), dataDir);
  const server = await startServerProcess(
    { DATABASE_URL: `file://${dataDir}`, CONSUMO_DEMO: demo ? '1' : '0', CONSUMO_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, CONSUMO_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD },
    cwd,
  );
  const workspaceId = printed(server.output(), 'workspace');
  if (!workspaceId) {
    await server.stop();
    throw new Error(`the server printed no workspace:\n${server.output()}`);
  }
  return { server, workspaceId };
}

/** A real server with the console, the fixed bootstrap admin and (unless `demo` is false) the demo data. */
export async function startConsoleServer({ demo }: { demo: boolean }): Promise<ConsoleServer> {
  if (!existsSync(CONSOLE_BUILD)) throw new Error(`the console is not built (${CONSOLE_BUILD}): run npm run -w @consumo/console build`);
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-e2e-'));
  const dataDir = path.join(dir, '.consumo', 'db');
  const drop = () => rmSync(dir, { recursive: true, force: true });
  let server: ServerProcess;
  let workspaceId: string;
  try {
    if (demo) {
      demoTemplate ??= makeDemoTemplate().catch((err: unknown) => {
        demoTemplate = undefined;
        throw err;
      });
      const template = await demoTemplate;
      copyDataDir(template.dataDir, dataDir);
      server = await startServerProcess({ DATABASE_URL: `file://${dataDir}`, CONSUMO_DEMO: '1' }, dir);
      workspaceId = template.workspaceId;
    } else {
      ({ server, workspaceId } = await startFirstServer(dataDir, dir, false));
    }
  } catch (err) {
    drop();
    throw err;
  }
  return {
    url: server.url,
    workspaceId,
    server,
    stop: async () => {
      await server.stop();
      drop();
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  // Chromium's sandbox needs a user namespace a root process in a container rarely has.
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

/** What a page logged that it should not: console errors (CSP violations are among them) and uncaught exceptions. */
export interface PageProblems {
  list: string[];
}

/** Fixed locale and zone so money and dates read the same on every machine. */
export const CONTEXT_DEFAULTS: BrowserContextOptions = { locale: 'en-US', timezoneId: 'UTC', viewport: DESKTOP };

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ ...CONTEXT_DEFAULTS, ...options });
  const page = await context.newPage();
  const problems: PageProblems = { list: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.list.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.list.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/**
 * The one error a signed-out page load logs on purpose: the console asks for the current session
 * and the server answers 401 (ADR 0027), which Chromium reports as a failed resource.
 */
export function unexpectedProblems(problems: PageProblems): string[] {
  return problems.list.filter((p) => !/^console error: Failed to load resource: the server responded with a status of 401 .*\/auth\/v1\/sessions\/current\)$/.test(p));
}

/** Signs in through the form; resolves once the console left the sign-in page. */
export async function signIn(page: Page, baseUrl: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/console/sign-in`);
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

/** The `Cookie` header value of a context's session, for the test's own API calls. */
export async function sessionCookieHeader(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'consumo_session');
  if (!cookie) throw new Error('the browser holds no consumo_session cookie');
  return `consumo_session=${cookie.value}`;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA, and best practices). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply.
  await page.evaluate(axe.source);
  const result = await page.evaluate<{ violations: AxeViolation[] }>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] })`,
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Violations in words, for a failing assertion's message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n')}`)
    .join('\n');
}

/** Whether the document scrolls sideways (wider content than the viewport). */
export async function scrollsSideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate<{ scrollWidth: number; clientWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  );
}

/** Saves a screenshot under e2e/console/artifacts/ (git-ignored), and returns its path. */
export async function saveArtifact(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Screenshots the README shows are written only when asked (CONSUMO_UPDATE_SCREENSHOTS=1), so a test run never dirties the tree. */
export async function updateDocScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.CONSUMO_UPDATE_SCREENSHOTS !== '1') return;
  const dir = path.join(REPO, 'docs', 'images');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** What a signed-in suite shares once it has started. */
export interface SignedInConsole {
  server: ConsoleServer;
  browser: Browser;
  /** The admin's session as a Cookie header, for the test's own API reads. */
  cookie: string;
}

/**
 * The set-up of a page's browser suite, called inside its describe: one server (with or without
 * the demo) and one Chromium, the bootstrap admin signed in once and its storage state kept;
 * `open()` a new context with that session, `openSignedOut()` one without; every context is closed
 * after its test, and the browser and server after the suite. `ready` gets the server, browser and
 * cookie once they exist.
 */
export function useSignedInConsole(options: { demo: boolean }, ready: (suite: SignedInConsole) => void) {
  let suite: SignedInConsole | undefined;
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;
  const contexts: BrowserContext[] = [];
  const track = async (contextOptions: BrowserContextOptions) => {
    const opened = await openPage(suite!.browser, contextOptions);
    contexts.push(opened.context);
    return opened;
  };
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startConsoleServer(options), launchChromium()]);
    const { context, page } = await openPage(browser);
    await signIn(page, server.url);
    signedIn = await context.storageState();
    suite = { server, browser, cookie: await sessionCookieHeader(context) };
    await context.close();
    ready(suite);
  }, 180_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await suite?.browser.close();
    await suite?.server.stop();
  });
  return {
    open: (contextOptions: BrowserContextOptions = {}) => track({ storageState: signedIn, ...contextOptions }),
    openSignedOut: (contextOptions: BrowserContextOptions = {}) => track(contextOptions),
  };
}
