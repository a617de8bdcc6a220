/** Billing periods start on the billing account's accounting day (1: calendar months); all UTC. */
import { DAY_MS, dayText } from '../../../platform/formats/index.js';

export interface Period {
  start: Date;
  end: Date;
}

export function billingPeriodOf(instant: Date, accountingDay: number): Period {
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth();
  const startMonth = instant.getUTCDate() >= accountingDay ? month : month - 1;
  return { start: new Date(Date.UTC(year, startMonth, accountingDay)), end: new Date(Date.UTC(year, startMonth + 1, accountingDay)) };
}

/** 'YYYY-MM-DD' → the UTC midnight it names. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Every day from `from` (inclusive) to `to` (exclusive), as 'YYYY-MM-DD'. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = dayStart(from).getTime(); t < dayStart(to).getTime(); t += DAY_MS) days.push(dayText(t));
  return days;
}
