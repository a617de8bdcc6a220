/** Words for alert rows: the kind, the threshold, the time (UTC, to the minute). */
import type { BudgetAlert } from './types.js';

export const ALERT_PAGE_SIZE = 20;

export const ALERT_KIND_LABELS: Record<BudgetAlert['alertType'], string> = { STANDARD: 'Standard', PROJECTED: 'Projected' };

/** "Level 2 · 100 %". */
export function thresholdLabel(alert: Pick<BudgetAlert, 'thresholdLevel' | 'thresholdPercent'>): string {
  return `Level ${alert.thresholdLevel} · ${alert.thresholdPercent} %`;
}

/** "2026-12-06T14:03:12.345Z" → "2026-12-06 14:03 UTC". */
export function alertTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** The number of pages of `total` items. */
export function pageCount(total: number, pageSize = ALERT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The list `filter` of one account's alerts in one accounting year (ids hold no quote, but one would be doubled). */
export function alertFilter(billingAccountId: string, accountingYear: number): string {
  return `accountId eq '${billingAccountId.replace(/'/g, "''")}' and accountingYear eq ${accountingYear}`;
}
