/** "← Devices": back to a list, keeping the list's filter, sort and page when the person came from it. */
import { Anchor } from '@mantine/core';
import { Link, useLocation } from 'react-router';

export function BackLink({ to, label }: { to: string; label: string }) {
  const { state } = useLocation() as { state: { from?: unknown } | null };
  const from = typeof state?.from === 'string' && state.from.startsWith(to) ? state.from : to;
  return (
    <Anchor component={Link} to={from} size="sm">
      ← {label}
    </Anchor>
  );
}
