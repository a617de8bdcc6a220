/**
 * `request.log`, made when a request first logs (ADR 0036). Fastify gives every request a pino
 * child bound to its request id; making one costs a bindings object serialised to JSON and a new
 * logger, on every request — about 1 % of a look-up's CPU and a good share of its garbage — and at
 * the usual levels (`warn` and up in service) almost no request ever logs. This logger holds the
 * parent and the bindings, answers level checks from the parent, and makes the child on the first
 * line at an enabled level (or the first `child()`): the lines are exactly the child's.
 */
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Whether a line at `level` would be written (pino's check; a logger without one writes every level). */
function enabled(logger: FastifyBaseLogger, level: LevelWithSilentOrString): boolean {
  const check = (logger as { isLevelEnabled?: (level: LevelWithSilentOrString) => boolean }).isLevelEnabled;
  return check === undefined || check.call(logger, level);
}

class RequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    readonly parent: FastifyBaseLogger,
    private readonly bindingsOfChild: Bindings,
  ) {}

  #real(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindingsOfChild));
  }

  #log(level: Level, args: unknown[]): void {
    if (enabled(this.#child ?? this.parent, level)) (this.#real()[level] as (...a: unknown[]) => void).apply(this.#child, args);
  }

  fatal(...args: unknown[]): void {
    this.#log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#log('error', args);
  }
  warn(...args: unknown[]): void {
    this.#log('warn', args);
  }
  info(...args: unknown[]): void {
    this.#log('info', args);
  }
  debug(...args: unknown[]): void {
    this.#log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#log('trace', args);
  }
  silent(): void {}

  get level(): LevelWithSilentOrString {
    return (this.#child ?? this.parent).level;
  }

  set level(level: LevelWithSilentOrString) {
    this.#real().level = level;
  }

  isLevelEnabled(level: LevelWithSilentOrString): boolean {
    return enabled(this.#child ?? this.parent, level);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`: a RequestLogger, unless the route sets its own level or
 * serializers for its requests (then the child is made at once, as Fastify would).
 */
export const requestLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options) =>
  options.level !== undefined || options.serializers !== undefined ? logger.child(bindings, options) : new RequestLogger(logger, bindings);
