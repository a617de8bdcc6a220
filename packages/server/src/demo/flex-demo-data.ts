/** The whole Flex demo data set for one seed: billing accounts, orders, and a lazy stream of devices. */
import { generateBillingAccounts, type DemoBillingAccount } from './billing-accounts.demo.js';
import { MAX_DEMO_DEVICES, generateDevices, type DemoDevice } from './devices.demo.js';
import { generateOrders, type DemoOrder } from './orders.demo.js';

export const DEFAULT_DEMO_SEED = 'consumo-demo';
/** Demo times count back from this fixed instant, not the wall clock, so the data never drifts. */
export const DEFAULT_DEMO_NOW = new Date('2026-11-01T00:00:00Z');
export const DEFAULT_DEMO_ORDERS = 48;
export const DEFAULT_DEMO_DEVICES = 600;

export interface FlexDemoOptions {
  seed?: string;
  now?: Date;
  orders?: number;
  devices?: number;
}

export interface FlexDemoData {
  seed: string;
  now: Date;
  billingAccounts: DemoBillingAccount[];
  orders: DemoOrder[];
  deviceCount: number;
  /** A fresh pass over the devices each call; every pass yields the same devices. */
  devices(batchSize?: number): Generator<DemoDevice[], void, undefined>;
}

/**
 * Each part draws from its own stream derived from the seed, so asking for more orders leaves the
 * billing accounts alone, and asking for more devices leaves the orders alone.
 */
export function createFlexDemo(options: FlexDemoOptions = {}): FlexDemoData {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = options.now ?? DEFAULT_DEMO_NOW;
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const deviceCount = options.devices ?? DEFAULT_DEMO_DEVICES;
  // Checked here as well as in the generator, so a seed fails before it opens a transaction.
  if (!Number.isInteger(deviceCount) || deviceCount < 0 || deviceCount > MAX_DEMO_DEVICES) {
    throw new RangeError(`devices must be a whole number in 0..${MAX_DEMO_DEVICES}, got ${deviceCount}`);
  }
  const billingAccounts = generateBillingAccounts(seed, now);
  const orders = generateOrders(seed, now, billingAccounts, options.orders ?? DEFAULT_DEMO_ORDERS);
  if (deviceCount > 0 && orders.length === 0) throw new RangeError('devices need at least one order');
  return {
    seed,
    now,
    billingAccounts,
    orders,
    deviceCount,
    devices: (batchSize) => generateDevices(seed, now, billingAccounts, orders, deviceCount, { batchSize }),
  };
}
