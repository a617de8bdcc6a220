/** The Flex device catalog behind the demo data: device types, and the makes and models each type comes in. */
import { hash128 } from './prng.js';

/** Every `deviceType` the Flex API documents (https://developer.greenlake.hpe.com/docs/greenlake/services/flex/public/), in the spec's order. */
export const FLEX_DEVICE_TYPES = [
  'ALS', 'AP', 'BLE', 'COMPUTE', 'CONTROLLER', 'DHCI_COMPUTE', 'DHCI_STORAGE', 'EINAR', 'EINR', 'GATEWAY',
  'IAP', 'LTE_MODEM', 'MC', 'STORAGE', 'SWITCH', 'NW_THIRD_PARTY', 'PCE', 'SD_WAN_GW', 'OPSRAMP_SAAS',
  'SD_SAAS', 'SENSOR', 'BRIDGES', 'UNKNOWN',
] as const;

export type FlexDeviceType = (typeof FLEX_DEVICE_TYPES)[number];

export interface CatalogModel {
  make: string;
  model: string;
  /** Two or three orderable part numbers; a pure function of the model, the same under every seed. */
  partNumbers: readonly string[];
}

/** What a demo device name starts with after its site or environment, e.g. `esx` in `prod-esx-014`. */
export type NameRole = readonly string[];

interface TypeEntry {
  /** Relative share of the fleet. ALS, EINAR and EINR are 0: the spec names them without saying what they are. */
  weight: number;
  roles: NameRole;
  /** [make, model, relative share within the type]. */
  models: readonly (readonly [string, string, number])[];
}

const CATALOG: Record<FlexDeviceType, TypeEntry> = {
  COMPUTE: {
    weight: 30,
    roles: ['esx', 'k8s', 'sql', 'vdi', 'app', 'hpc', 'oracle'],
    models: [
      ['HPE', 'HPE ProLiant DL380 Gen11', 8], ['HPE', 'HPE ProLiant DL360 Gen11', 6],
      ['HPE', 'HPE ProLiant DL385 Gen11', 3], ['HPE', 'HPE ProLiant DL325 Gen11', 2],
      ['HPE', 'HPE ProLiant DL380 Gen10 Plus', 4], ['HPE', 'HPE ProLiant DL360 Gen10 Plus', 3],
      ['HPE', 'HPE ProLiant DL380a Gen11', 1], ['HPE', 'HPE ProLiant ML350 Gen11', 1],
      ['HPE', 'HPE Synergy 480 Gen11', 2], ['HPE', 'HPE Cray XD670', 0.5],
      ['Dell', 'Dell PowerEdge R760', 1.5], ['Dell', 'Dell PowerEdge R660', 1],
      ['Cisco', 'Cisco UCS C240 M7', 0.8], ['Lenovo', 'Lenovo ThinkSystem SR650 V3', 0.7],
    ],
  },
  STORAGE: {
    weight: 14,
    roles: ['array', 'stor', 'backup', 'nas'],
    models: [
      ['HPE', 'HPE Alletra Storage MP B10000', 4], ['HPE', 'HPE Alletra Storage MP X10000', 1],
      ['HPE', 'HPE Alletra 6000', 3], ['HPE', 'HPE Alletra 5000', 2], ['HPE', 'HPE Alletra 9000', 1.5],
      ['HPE', 'HPE Primera 600', 1], ['HPE', 'HPE Nimble Storage HF40', 1], ['HPE', 'HPE StoreOnce 5260', 1],
      ['NetApp', 'NetApp AFF A400', 1], ['NetApp', 'NetApp FAS2750', 0.5],
      ['Dell', 'Dell PowerStore 1200T', 0.7], ['Pure Storage', 'Pure Storage FlashArray//X70', 0.5],
    ],
  },
  DHCI_STORAGE: {
    weight: 5,
    roles: ['dhci-stor'],
    models: [
      ['HPE', 'HPE Alletra 6030 dHCI', 3], ['HPE', 'HPE Compute 6030X', 2],
      ['HPE', 'HPE Nimble Storage HF20 dHCI', 1], ['HPE', 'HPE Alletra Storage MP dHCI', 1],
    ],
  },
  DHCI_COMPUTE: {
    weight: 5,
    roles: ['dhci-node'],
    models: [
      ['HPE', 'HPE ProLiant DL380 Gen11', 3], ['HPE', 'HPE ProLiant DL360 Gen11', 2],
      ['HPE', 'HPE ProLiant DL380 Gen10 Plus', 2], ['HPE', 'HPE ProLiant DL360 Gen10 Plus', 1],
    ],
  },
  SWITCH: {
    weight: 14,
    roles: ['sw-core', 'sw-access', 'sw-tor', 'sw-agg', 'san'],
    models: [
      ['Aruba', 'Aruba CX 6300M', 5], ['Aruba', 'Aruba CX 6200F', 4], ['Aruba', 'Aruba CX 6100', 2],
      ['Aruba', 'Aruba CX 8325', 2], ['Aruba', 'Aruba CX 8360', 2], ['Aruba', 'Aruba CX 10000', 1],
      ['HPE', 'HPE FlexFabric 5945', 1], ['HPE', 'HPE StoreFabric SN6700B', 1],
      ['Cisco', 'Cisco Catalyst 9300', 1.5], ['Cisco', 'Cisco Nexus 93180YC-FX', 1],
      ['Juniper', 'Juniper EX4400', 0.6],
    ],
  },
  AP: {
    weight: 12,
    roles: ['ap'],
    models: [
      ['Aruba', 'Aruba AP-535', 4], ['Aruba', 'Aruba AP-635', 4], ['Aruba', 'Aruba AP-515', 3],
      ['Aruba', 'Aruba AP-655', 2], ['Aruba', 'Aruba AP-505', 2], ['Aruba', 'Aruba AP-575', 1],
      ['Cisco', 'Cisco Catalyst 9130AX', 0.6],
    ],
  },
  GATEWAY: {
    weight: 4,
    roles: ['gw'],
    models: [
      ['Aruba', 'Aruba 9004 Gateway', 3], ['Aruba', 'Aruba 9012 Gateway', 1],
      ['Aruba', 'Aruba 9240 Gateway', 2], ['Aruba', 'Aruba 7005 Gateway', 1],
    ],
  },
  CONTROLLER: {
    weight: 2,
    roles: ['mc'],
    models: [
      ['Aruba', 'Aruba 7210 Mobility Controller', 2], ['Aruba', 'Aruba 7240XM Mobility Controller', 1],
      ['Cisco', 'Cisco Catalyst 9800-40', 0.5],
    ],
  },
  IAP: {
    weight: 2,
    roles: ['iap'],
    models: [['Aruba', 'Aruba Instant On AP22', 2], ['Aruba', 'Aruba Instant On AP25', 1], ['Aruba', 'Aruba IAP-305', 1]],
  },
  SD_WAN_GW: {
    weight: 2,
    roles: ['sdwan'],
    models: [['Aruba', 'Aruba EdgeConnect EC-XS', 2], ['Aruba', 'Aruba EdgeConnect EC-M-B', 2], ['Aruba', 'Aruba EdgeConnect EC-L', 1]],
  },
  MC: {
    weight: 0.5,
    roles: ['conductor'],
    models: [['Aruba', 'Aruba Mobility Conductor MCR-HW-1K', 1], ['Aruba', 'Aruba Mobility Conductor MCR-VA-500', 1]],
  },
  SENSOR: {
    weight: 1.5,
    roles: ['uxi'],
    models: [['Aruba', 'Aruba UXI Sensor U6000', 2], ['Aruba', 'Aruba UXI Sensor G6C', 1]],
  },
  BLE: { weight: 1, roles: ['beacon'], models: [['Aruba', 'Aruba LS-BT1 Beacon', 2], ['Aruba', 'Aruba LS-BT20 Beacon', 1]] },
  BRIDGES: { weight: 0.5, roles: ['ptp'], models: [['Aruba', 'Aruba AP-387 Point-to-Point Bridge', 1]] },
  LTE_MODEM: {
    weight: 0.5,
    roles: ['lte'],
    models: [['Sierra Wireless', 'Sierra Wireless AirLink XR80', 1], ['Cradlepoint', 'Cradlepoint E300', 1]],
  },
  NW_THIRD_PARTY: {
    weight: 1.5,
    roles: ['fw', 'rtr'],
    models: [
      ['Cisco', 'Cisco ISR 4331', 2], ['Juniper', 'Juniper SRX345', 1],
      ['Fortinet', 'Fortinet FortiGate 100F', 2], ['Palo Alto Networks', 'Palo Alto Networks PA-440', 1],
    ],
  },
  PCE: { weight: 0.5, roles: ['pce'], models: [['HPE', 'HPE Private Cloud Enterprise Node', 1]] },
  OPSRAMP_SAAS: { weight: 0.3, roles: ['opsramp'], models: [['HPE', 'HPE OpsRamp SaaS', 1]] },
  SD_SAAS: { weight: 0.3, roles: ['sdsaas'], models: [['Aruba', 'Aruba SD-Branch SaaS', 1]] },
  UNKNOWN: { weight: 0.3, roles: ['dev'], models: [['HPE', 'HPE Unclassified Device', 1]] },
  ALS: { weight: 0, roles: ['als'], models: [['Aruba', 'Aruba ALS', 1]] },
  EINAR: { weight: 0, roles: ['einar'], models: [['HPE', 'HPE EINAR', 1]] },
  EINR: { weight: 0, roles: ['einr'], models: [['HPE', 'HPE EINR', 1]] },
};

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I or O: part numbers avoid them next to digits

function digits(h: number, n: number): string {
  return String(h % 10 ** n).padStart(n, '0');
}

/** HPE writes `P52534-B21`, Aruba `JL659A`, the rest the Flex sample's `JK130GT` shape. */
function partNumber(make: string, model: string, i: number): string {
  const [a, b, c] = hash128(`${make}|${model}|${i}`);
  const letter = (h: number) => LETTERS[h % LETTERS.length] as string;
  if (make === 'HPE') return `P${digits(a, 5)}-B21`;
  if (make === 'Aruba') return `J${letter(a)}${digits(b, 3)}A`;
  return `${letter(a)}${letter(a >>> 8)}${digits(b, 3)}${letter(c)}${letter(c >>> 8)}`;
}

export interface CatalogType {
  type: FlexDeviceType;
  roles: NameRole;
  models: readonly (readonly [CatalogModel, number])[];
}

/** The catalog with weights, as the generator draws from it. */
export const DEVICE_TYPES: readonly (readonly [CatalogType, number])[] = FLEX_DEVICE_TYPES.map((type) => {
  const entry = CATALOG[type];
  const models = entry.models.map(([make, model, weight]) => {
    const count = 2 + (hash128(model)[0] % 2);
    const partNumbers = Array.from({ length: count }, (_, i) => partNumber(make, model, i));
    return [{ make, model, partNumbers }, weight] as const;
  });
  return [{ type, roles: entry.roles, models }, entry.weight] as const;
});

/** Where a make's hardware is built: the country code a serial number starts with. */
export const SERIAL_COUNTRIES: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  HPE: [['CN', 4], ['CZ', 3], ['MX', 3], ['SG', 1], ['US', 1]],
  Aruba: [['CN', 3], ['TW', 3], ['US', 1]],
  default: [['CN', 3], ['TW', 2], ['MY', 2], ['MX', 1], ['US', 1]],
};
