/** The days a rating run covers, as 'YYYY-MM-DD' and the UTC midnights they start. */
import { DAY_MS, dayText } from '../../../platform/formats/index.js';

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
