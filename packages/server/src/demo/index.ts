/** Deterministic demo data for the Flex family, and the bulk loader that writes it. */
export { Prng, Permutation, hash128, mix32 } from './prng.js';
export {
  COUNTRIES,
  TEST_BILLING_ACCOUNT,
  generateBillingAccounts,
  type CountryProfile,
  type DemoBillingAccount,
} from './billing-accounts.demo.js';
export { generateOrders, type DemoOrder } from './orders.demo.js';
export {
  BILLING_TIERS,
  MAX_DEMO_DEVICES,
  generateDevices,
  type DemoDevice,
  type DemoDeviceTag,
  type GenerateDevicesOptions,
} from './devices.demo.js';
export { FLEX_DEVICE_TYPES, type FlexDeviceType } from './device-catalog.demo.js';
export {
  DEFAULT_DEMO_DEVICES,
  DEFAULT_DEMO_NOW,
  DEFAULT_DEMO_ORDERS,
  DEFAULT_DEMO_SEED,
  createFlexDemo,
  type FlexDemoData,
  type FlexDemoOptions,
} from './flex-demo-data.js';
export {
  bulkInsert,
  bulkInsertStream,
  encodeBatch,
  insertEncoded,
  type BulkColumn,
  type BulkConstant,
  type BulkElementType,
  type EncodedBatch,
  type TableName,
} from '../storage/bulk-insert.js';
export { WorkspaceNotFoundError } from './seeding.js';
export {
  DEVICE_COLUMNS,
  seedFlexDemo,
  type SeedFlexDemoOptions,
  type SeedFlexDemoResult,
} from './seed-flex-demo.js';
export {
  DEFAULT_DEMO_CLAIMED,
  DEFAULT_DEMO_EXPIRED,
  DEFAULT_DEMO_FREE,
  DEFAULT_SUBSCRIPTIONS_DEMO_SEED,
  DEMO_ORDER_CLASS,
  MAX_DEMO_SUBSCRIPTION_KEYS,
  createSubscriptionsDemo,
  demoKeyPrefix,
  type DemoKeyKind,
  type DemoSubscription,
  type DemoSubscriptionKey,
  type SubscriptionsDemoData,
  type SubscriptionsDemoOptions,
} from './subscriptions.demo.js';
export { seedSubscriptionsDemo, type SeedSubscriptionsDemoOptions, type SeedSubscriptionsDemoResult } from './seed-subscriptions-demo.js';
export {
  DEFAULT_METERED_RESOURCES,
  DEFAULT_USAGE_DAYS,
  DEMO_COMMITMENT_ID,
  DEMO_METERS,
  MAX_METERED_RESOURCES,
  createMeteringDemo,
  type MeteringDemo,
  type MeteringDemoOptions,
} from './metering.demo.js';
export { seedMeteringDemo, type SeedMeteringDemoOptions, type SeedMeteringDemoResult } from './seed-metering-demo.js';
export { seedFocusExportsDemo, type SeedFocusExportsDemoResult } from './seed-focus-exports-demo.js';
export { DEMO_BUDGET_DESCRIPTION, seedBudgetsDemo, type SeedBudgetsDemoResult } from './seed-budgets-demo.js';
export { seedNavigatorDemo, type SeedNavigatorDemoResult } from './seed-navigator-demo.js';
