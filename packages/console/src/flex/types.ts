/** The Flex Solutions API's shapes, read from the generated SDK (no hand-written copies). */
import type { paths } from '@consumo/sdk';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type OrderPage = JsonOf<paths['/flex/v1beta1/orders']['get']['responses'][200]>;
export type Order = OrderPage['items'][number];
export type DevicePage = JsonOf<paths['/flex/v1beta1/devices']['get']['responses'][200]>;
export type Device = DevicePage['items'][number];
