/** Runs one `consumo <command> …` in this process, as bin.ts would, capturing what it prints. */
import { Command } from 'commander';
import { expect, vi } from 'vitest';

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
