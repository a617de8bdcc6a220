import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { haveSettled } from '../../src/components/settled-above.js';

/** A real TanStack observer's state, as a page's hook reports it. */
function observe(client: QueryClient, key: string, queryFn: () => Promise<string>, enabled = true) {
  const observer = new QueryObserver(client, { queryKey: [key], queryFn, enabled, retry: false });
  const stop = observer.subscribe(() => undefined);
  return { result: () => observer.getCurrentResult(), stop };
}

describe('sections drawn once those above have settled', () => {
  it('waits while a query reads its first data, not once it has data or an error', async () => {
    const client = new QueryClient();
    let answer!: (value: string) => void;
    let fail!: (error: Error) => void;
    const reading = observe(client, 'a', () => new Promise<string>((resolve) => (answer = resolve)));
    const failing = observe(client, 'b', () => new Promise<string>((_, reject) => (fail = reject)));
    expect(haveSettled(reading.result(), failing.result())).toBe(false);
    answer('rows');
    await vi.waitFor(() => expect(reading.result().isSuccess).toBe(true));
    expect(haveSettled(reading.result())).toBe(true);
    expect(haveSettled(reading.result(), failing.result())).toBe(false);
    fail(new Error('refused'));
    await vi.waitFor(() => expect(failing.result().isError).toBe(true));
    expect(haveSettled(reading.result(), failing.result())).toBe(true);
    reading.stop();
    failing.stop();
  });

  it('does not wait for a query that is not going to read (disabled)', () => {
    const client = new QueryClient();
    const disabled = observe(client, 'c', () => Promise.resolve('never'), false);
    expect(disabled.result().isPending).toBe(true);
    expect(haveSettled(disabled.result())).toBe(true);
    disabled.stop();
  });

  it('waits for nothing when there is nothing above', () => {
    expect(haveSettled()).toBe(true);
  });
});

