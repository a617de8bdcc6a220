/**
 * Mantine's Pagination with its arrow buttons named: Mantine draws them as bare icons, and without
 * a label axe finds buttons without a name (a critical finding).
 */
import { Pagination, type PaginationProps } from '@mantine/core';

const CONTROL_LABELS = { first: 'First page', previous: 'Previous page', next: 'Next page', last: 'Last page' } as const;

export function LabelledPagination(props: Omit<PaginationProps, 'getControlProps'>) {
  return <Pagination {...props} getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })} />;
}
