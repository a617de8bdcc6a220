/**
 * The built console served under /console (issue 16 point 9, ADR 0027), from a directory of our
 * own (CONSUMO_CONSOLE_DIR): hashed assets cached for a year, index.html revalidated, client-side
 * routes answered with index.html, the CSP and the other headers on every response, and `/` sent
 * to the console. Without a built console, /console is a 404 and `/` goes to the API docs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP } from '../../../src/platform/http/console-static.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/console/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

function expectConsoleHeaders(res: LightMyRequestResponse): void {
  expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
}

describe.each(testEngines())('the console’s static files on %s', (engine) => {
  let dir: string;
  let t: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'consumo-console-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("console");\n');
    writeFileSync(path.join(dir, 'assets', 'index-Ef56Gh78.css'), 'body{margin:0}\n');
    writeFileSync(path.join(dir, 'color-scheme.js'), 'document.documentElement.dataset.scheme="light";\n');
    t = await startTestApp(engine, { config: { consoleDir: dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('serves hashed assets for a year, immutable, with their media types', async () => {
    const js = await get('/console/assets/index-Ab12Cd34.js');
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log("console");\n');
    expect(js.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectConsoleHeaders(js);
    const css = await get('/console/assets/index-Ef56Gh78.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves index.html with no-cache at /console/, by name, and for every client-side route', async () => {
    for (const url of ['/console/', '/console/index.html', '/console/costs', '/console/budgets/ACME?year=2027', '/console/a/b/c']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expectConsoleHeaders(res);
    }
    const bare = await get('/console');
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/console/');
  });

  it('revalidates files that are not hashed, answers a missing asset with 404, and never leaves the directory', async () => {
    const plain = await get('/console/color-scheme.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('no-cache');
    expectConsoleHeaders(plain);
    expect((await get('/console/assets/gone-00000000.js')).statusCode).toBe(404);
    for (const url of ['/console/../package.json', '/console/%2e%2e/%2e%2e/package.json', '/console/..%2f..%2fpackage.json']) {
      const res = await get(url);
      expect(res.body, url).not.toContain('"name"');
    }
  });

  it('sends / to the console with a 302', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/console/');
  });
});

describe.each(testEngines())('no console built, on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { config: { consoleDir: path.join(tmpdir(), 'consumo-console-never-built') } });
  });
  afterAll(() => t?.close());

  it('answers /console with 404 and sends / to the API docs', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/console/' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/console/costs' })).statusCode).toBe(404);
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/docs');
  });
});
