/**
 * Clean-up for benchmarks: children and scratch databases go away on success, failure and Ctrl-C
 * alike. Push an async function when something is created; `cleanUp()` runs them newest first.
 */

/** @type {Array<() => unknown>} */
export const cleanups = [];

export async function cleanUp() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (err) {
      console.error('clean-up failed:', err);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`${signal}: cleaning up`);
    cleanUp().finally(() => process.exit(130));
  });
}
