/** The Exports page's shapes, from the SDK's generated OpenAPI types (FOCUS Exports v1beta1 and Consumo's extensions). */
import type { paths } from '@consumo/sdk';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ExportConfig = Json<paths['/consumption-analytics/v1beta1/focus-exports/{id}']['get']['responses'][200]>;
export type ExportCreateBody = Json<paths['/consumption-analytics/v1beta1/focus-exports']['post']['requestBody']>;
export type ExportPatchBody = Json<NonNullable<paths['/consumption-analytics/v1beta1/focus-exports/{id}']['patch']['requestBody']>>;
export type ExportRun = Json<paths['/consumption-analytics/v1beta1/focus-exports/{id}/runs/{runId}']['get']['responses'][200]>;
export type ExportRunFile = ExportRun['result']['files'][number];
export type FieldCriteria = ExportConfig['filter'][number];
export type RunManifest = Json<paths['/consumption-analytics/v1beta1/focus-exports/{id}/runs/{runId}/manifest']['get']['responses'][200]>;
