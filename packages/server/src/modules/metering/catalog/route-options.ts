/** What every catalog route declares: permission, per-workspace rate limit and OpenAPI tag. */
export const tags = ['Metering'];

/** Documented as 300 requests per minute per workspace for every catalog endpoint. */
const PER_MINUTE = 300;

/** Reads need `metering.catalog.view`, writes `metering.catalog.edit`; each endpoint counts in its own bucket. */
export function catalogConfig(access: 'view' | 'edit', resource: string, op: string) {
  return {
    permission: access === 'view' ? ('metering.catalog.view' as const) : ('metering.catalog.edit' as const),
    rateLimit: { limit: PER_MINUTE, bucket: `metering.catalog.${resource}.${op}` },
  };
}
