/** Times as the GreenLake samples print them: RFC 3339 UTC, milliseconds only when there are some. */
export function isoUtc(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Times as the Subscription Management samples print them: always with milliseconds (`2024-04-01T00:00:00.000Z`). */
export function isoUtcMillis(date: Date): string {
  return date.toISOString();
}
