/**
 * CPU time spent by groups of processes over a window, from /proc (Linux; elsewhere every figure
 * is null). On a small machine the load generator, the server and the database share the cores,
 * so CPU per request says more than requests per second alone.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ; 100 on every Linux architecture Node supports

function ticksOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Pids whose command name is `name` and, when given, whose command line contains `argument`
 * (PostgreSQL backends show their database there: `postgres: 15/main: user db 127.0.0.1(…) idle`).
 */
export function pidsNamed(name, argument) {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((pid) => {
        try {
          if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== name) return false;
          return argument === undefined || readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(argument);
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** `pid` and the processes whose parent it is (a cluster primary and its workers). */
export function pidAndChildren(pid) {
  try {
    const children = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((child) => {
        try {
          const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false;
        }
      })
      .map(Number);
    return [pid, ...children];
  } catch {
    return [pid];
  }
}

/**
 * @param {Record<string, () => number[]>} groups name → the pids to count (evaluated at start and stop)
 * @returns {() => () => Record<string, number | null>} start() → stop() → CPU seconds per group
 */
export function cpuMeter(groups) {
  return () => {
    const before = Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, ticksOf(pid)]))]),
    );
    return () => {
      const out = {};
      for (const [name, pids] of Object.entries(groups)) {
        let ticks = 0;
        let seen = false;
        for (const pid of new Set([...before[name].keys(), ...pids()])) {
          const end = ticksOf(pid);
          if (end === undefined) continue; // exited during the window: its time is lost, not guessed
          seen = true;
          ticks += end - (before[name].get(pid) ?? 0);
        }
        out[name] = seen ? ticks / TICKS_PER_SECOND : null;
      }
      return out;
    };
  };
}
