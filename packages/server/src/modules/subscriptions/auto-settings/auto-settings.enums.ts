/**
 * Auto-subscription settings enums as the Subscription Management spec publishes them (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/),
 * and which tier fits which device type.
 */

/** Device types a client may send. */
export const DEVICE_TYPES = [
  'AP', 'SWITCH', 'GATEWAY', 'STORAGE', 'DHCI_STORAGE', 'COMPUTE', 'DHCI_COMPUTE', 'NW_THIRD_PARTY', 'PCE',
  'SD_WAN_GW', 'OPSRAMP_SAAS', 'SD_SAAS', 'SENSOR', 'BRIDGES',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Device types a response may carry: the spec adds `BRIDGE` there only. */
export const RESPONSE_DEVICE_TYPES = [...DEVICE_TYPES, 'BRIDGE'] as const;

export const TIERS = [
  'FOUNDATION_AP', 'ADVANCED_AP', 'FOUNDATION_SWITCH', 'ADVANCED_SWITCH', 'FOUNDATION_GW', 'ADVANCED_GW',
  'STANDARD_COMPUTE', 'FOUNDATION_NW_THIRD_PARTY', 'ADVANCED_NW_THIRD_PARTY', 'ENHANCED_COMPUTE', 'FOUNDATION_SENSOR',
  'FOUNDATION_SD_WAN', 'ADVANCED_SD_WAN',
] as const;
export type Tier = (typeof TIERS)[number];

/**
 * The tiers each device type can be auto-subscribed to, read off the tier names. Device types the
 * published tier enum has nothing for (storage, PCE, the SaaS types, bridges) get an empty list:
 * no tier can be set for them, only `null` (remove).
 */
export const TIERS_BY_DEVICE_TYPE: Readonly<Record<DeviceType, readonly Tier[]>> = {
  AP: ['FOUNDATION_AP', 'ADVANCED_AP'],
  SWITCH: ['FOUNDATION_SWITCH', 'ADVANCED_SWITCH'],
  GATEWAY: ['FOUNDATION_GW', 'ADVANCED_GW'],
  STORAGE: [],
  DHCI_STORAGE: [],
  COMPUTE: ['STANDARD_COMPUTE', 'ENHANCED_COMPUTE'],
  DHCI_COMPUTE: ['STANDARD_COMPUTE', 'ENHANCED_COMPUTE'],
  NW_THIRD_PARTY: ['FOUNDATION_NW_THIRD_PARTY', 'ADVANCED_NW_THIRD_PARTY'],
  PCE: [],
  SD_WAN_GW: ['FOUNDATION_SD_WAN', 'ADVANCED_SD_WAN'],
  OPSRAMP_SAAS: [],
  SD_SAAS: [],
  SENSOR: ['FOUNDATION_SENSOR'],
  BRIDGES: [],
};

/** One entry of a workspace's settings (auto_subscription_settings.settings): a device type and the tier it gets. */
export interface AutoSubscriptionSetting {
  deviceType: string;
  tier: string;
}
