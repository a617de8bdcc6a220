/** The administration API's shapes, read from the generated SDK (no hand-written copies). */
import type { paths } from '@consumo/sdk';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Workspace = JsonOf<paths['/admin/v1/workspaces/{workspaceId}']['get']['responses'][200]>;
export type WorkspaceInput = NonNullable<paths['/admin/v1/workspaces']['post']['requestBody']>['content']['application/json'];
export type Role = JsonOf<paths['/admin/v1/roles']['get']['responses'][200]>['items'][number];
export type ApiClient = JsonOf<paths['/admin/v1/workspaces/{workspaceId}/api-clients']['get']['responses'][200]>['items'][number];
export type CreatedApiClient = JsonOf<paths['/admin/v1/workspaces/{workspaceId}/api-clients']['post']['responses'][201]>;
export type ApiToken = JsonOf<paths['/admin/v1/workspaces/{workspaceId}/api-tokens']['get']['responses'][200]>['items'][number];
export type CreatedApiToken = JsonOf<paths['/admin/v1/workspaces/{workspaceId}/api-tokens']['post']['responses'][201]>;
export type User = JsonOf<paths['/admin/v1/workspaces/{workspaceId}/users']['get']['responses'][200]>['items'][number];
export type UserInput = NonNullable<paths['/admin/v1/workspaces/{workspaceId}/users']['post']['requestBody']>['content']['application/json'];
