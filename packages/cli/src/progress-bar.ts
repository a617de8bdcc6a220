/**
 * A progress bar for a terminal that starts on its first update, so that a command that ends before
 * it has anything to show prints no empty bar. Each view shows one on a TTY and plain lines (or
 * nothing) otherwise.
 */
import cliProgress from 'cli-progress';

export interface LazyBar<Payload extends object> {
  /** The first call starts the bar with `total`; later calls move it (the total stays). */
  update(value: number, total: number, payload: Payload): void;
  stop(): void;
}

export function lazyBar<Payload extends object>(
  format: string,
  options: { stream?: NodeJS.WritableStream; etaBuffer?: number; noTTYOutput?: boolean } = {},
): LazyBar<Payload> {
  const bar = new cliProgress.SingleBar(
    { format, hideCursor: true, ...options, stream: options.stream ?? process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(value, total, payload) {
      if (!started) bar.start(total, value, payload);
      else bar.update(value, payload);
      started = true;
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
