/** The API's pattern for a budget amount: a decimal ≥ 0, at most 18 digits before the point and 6 after. */
export const MONEY = /^\d{1,18}(\.\d{1,6})?$/;
