/**
 * A wide table's own horizontal scroll, so the page never scrolls sideways on a phone: a labelled
 * region that keyboard users can focus and scroll with the arrow keys (axe: scrollable-region-focusable).
 */
import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
