/** How a day of a meter's events becomes one quantity (ADR 0012). */
export const METER_AGGREGATIONS = ['SUM', 'COUNT', 'MAX', 'LATEST', 'TIME_WEIGHTED_SUM'] as const;
export type MeterAggregation = (typeof METER_AGGREGATIONS)[number];
