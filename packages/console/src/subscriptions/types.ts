/** The Subscription Management API's shapes, read from the generated SDK (no hand-written copies). */
import type { paths } from '@consumo/sdk';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type SubscriptionPage = JsonOf<paths['/subscriptions/v1/subscriptions']['get']['responses'][200]>;
export type Subscription = SubscriptionPage['items'][number];
export type AsyncOperation = JsonOf<paths['/subscriptions/v1/async-operations/{id}']['get']['responses'][200]>;
export type OperationResultItem = AsyncOperation['result']['succeededSubscriptions'][number];
