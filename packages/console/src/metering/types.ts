/** The Metering page's shapes, from the SDK's generated OpenAPI types (catalog, ingest statistics, rating runs). */
import type { paths } from '@consumo/sdk';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Items<T> = T extends { items: (infer I)[] } ? I : never;

export type Meter = Items<Json<paths['/metering/v1/meters']['get']['responses'][200]>>;
export type Price = Items<Json<paths['/metering/v1/prices']['get']['responses'][200]>>;
export type Commitment = Items<Json<paths['/metering/v1/commitments']['get']['responses'][200]>>;
export type IngestStatistics = Json<paths['/metering/v1/ingest-statistics']['get']['responses'][200]>;
export type IngestDay = IngestStatistics['days'][number];
export type IngestRejection = Items<Json<paths['/metering/v1/ingest-rejections']['get']['responses'][200]>>;
export type RatingRun = Json<paths['/metering/v1/rating-runs/{id}']['get']['responses'][200]>;
