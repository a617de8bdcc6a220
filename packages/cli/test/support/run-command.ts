/** Runs one `consumo <command> …` in this process, as bin.ts would, capturing what it prints. */
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { expect, vi } from 'vitest';
import type { TestApp } from '../../../server/test/support/test-app.js';

export interface Run {
  stdout: string;
  error?: unknown;
}

export interface CommandRunner {
  /** The run, its printed lines and any error it threw. */
  cli(...args: string[]): Promise<Run>;
  /** The printed lines of a run that must succeed. */
  ok(...args: string[]): Promise<string>;
}

/** `register` adds the command group to a program; `name` is the group's word (`budgets`, `users`, …). */
export function commandRunner(name: string, register: (program: Command) => void): CommandRunner {
  const cli = async (...args: string[]): Promise<Run> => {
    const program = new Command('consumo').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    register(program);
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
      lines.push(values.map(String).join(' '));
    });
    try {
      await program.parseAsync([name, ...args], { from: 'user' });
      return { stdout: lines.join('\n') };
    } catch (error) {
      return { stdout: lines.join('\n'), error };
    } finally {
      log.mockRestore();
    }
  };
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    expect(run.error, `consumo ${name} ${args.join(' ')}`).toBeUndefined();
    return run.stdout;
  };
  return { cli, ok };
}

/** Listens on a free port and points the CLI's connection at the app as its bootstrap client (the caller restores process.env afterwards). */
export async function pointCliAt(app: TestApp, env: Record<string, string> = {}): Promise<void> {
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.app.server.address() as AddressInfo;
  Object.assign(process.env, {
    CONSUMO_URL: `http://127.0.0.1:${port}`,
    CONSUMO_CLIENT_ID: app.admin.clientId,
    CONSUMO_CLIENT_SECRET: app.admin.clientSecret,
    CONSUMO_CREDENTIALS_FILE: '/nonexistent/credentials.json',
    ...env,
  });
}
