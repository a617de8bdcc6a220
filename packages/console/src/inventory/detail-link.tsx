/** A list row's link to its detail page; the list's URL goes along, so the detail page's back link returns to the same filter, sort and page. */
import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

export function DetailLink({ to, children }: { to: string; children: ReactNode }) {
  const location = useLocation();
  return (
    <Anchor component={Link} to={to} state={{ from: `${location.pathname}${location.search}` }} size="sm">
      {children}
    </Anchor>
  );
}
