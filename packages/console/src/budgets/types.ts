/** The budgets API's shapes, read from the generated SDK (no hand-written copies). */
import type { paths } from '@consumo/sdk';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Budget = JsonOf<paths['/budgets/v1/budgets/{id}']['get']['responses'][200]>;
export type BudgetInput = NonNullable<paths['/budgets/v1/budgets']['post']['requestBody']>['content']['application/json'];
export type BudgetUsage = JsonOf<paths['/budgets/v1/usage']['get']['responses'][200]>;
export type PeriodBudgetUsage = BudgetUsage['periodBudgetUsage'][number];
export type AlertPage = JsonOf<paths['/budgets/v1/alerts']['get']['responses'][200]>;
export type BudgetAlert = AlertPage['items'][number];
export type ChannelPage = JsonOf<paths['/budgets/v1/notification-channels']['get']['responses'][200]>;
export type NotificationChannel = ChannelPage['items'][number];
export type ChannelInput = NonNullable<paths['/budgets/v1/notification-channels']['post']['requestBody']>['content']['application/json'];
export type CreatedChannel = JsonOf<paths['/budgets/v1/notification-channels']['post']['responses'][201]>;
