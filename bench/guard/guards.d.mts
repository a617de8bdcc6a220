// Types of guards.mjs for the TypeScript test that checks the guard's rule (e2e/bench).
import type { GuardedTarget } from './verdicts.mjs';
export const guards: Array<{ benchmark: string; args: string[]; targets: GuardedTarget[] }>;
