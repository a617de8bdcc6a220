/** What a subscription operation does, and the shape of its result (async_operations.kind, .result). */
export const OPERATION_KINDS = ['add', 'update', 'unclaim'] as const;
export type AsyncOperationKind = (typeof OPERATION_KINDS)[number];

/** Per item, in request order: the subscription key and id (a dry run's or an unknown id's lack one of them). */
export interface AsyncOperationResult {
  succeeded: { key: string; id?: string }[];
  failed: { key?: string; id?: string; reason: string; message: string }[];
}
