/**
 * The one catalog of error codes: name → HTTP status, vendor error code, message.
 * docs/errors.md is generated from it and a test keeps the two in sync.
 */
export interface CatalogEntry {
  status: number;
  errorCode: string;
  message: string;
  /** When a client sees it; goes into docs/errors.md. */
  when: string;
}

export const errorCatalog = {
  BAD_REQUEST: {
    status: 400,
    errorCode: 'HPE_GL_ERROR_BAD_REQUEST',
    message: 'Bad Request.',
    when: 'A parameter, header or body field is invalid; `errorDetails` names each one (`source`, `subject`).',
  },
  UNAUTHORIZED: {
    status: 401,
    errorCode: 'HPE_GL_ERROR_UNAUTHORIZED',
    message: 'Unauthorized Request',
    when: 'The bearer token is missing, malformed, expired, wrongly signed, unsigned, or its client is gone.',
  },
  FORBIDDEN: {
    status: 403,
    errorCode: 'HPE_GL_ERROR_FORBIDDEN',
    message: 'Forbidden Request',
    when: "The client's roles do not grant the permission the route declares.",
  },
  NOT_FOUND: {
    status: 404,
    errorCode: 'HPE_GL_ERROR_NOT_FOUND',
    message: 'Not Found',
    when: "No such path, or no such resource in the caller's workspace (another workspace's resources are not found, never forbidden).",
  },
  SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    errorCode: 'HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND',
    message: 'Not Found',
    when: "Subscription Management: no subscription, async operation or auto-subscription settings with that id in the caller's workspace (an operation also 24 hours after it ended).",
  },
  CONSUMPTION_ANALYTICS_NOT_FOUND: {
    status: 404,
    errorCode: 'HPE_GL_CONSUMPTION_ANALYTICS_NOT_FOUND',
    message: 'Resource Not Found.',
    when: "Consumption Analytics: no FOCUS export with that id in the caller's workspace (another workspace's exports are not found, never forbidden); no run of that export with that id; a run's manifest before it has written a billing period; a run's file its manifest does not list, or a period a later run replaced.",
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    errorCode: 'HPE_GL_ERROR_METHOD_NOT_ALLOWED',
    message: 'Method Not Allowed',
    when: 'The path exists but not for this method; the `Allow` header lists the methods it has.',
  },
  NOT_ACCEPTABLE: {
    status: 406,
    errorCode: 'HPE_GL_ERROR_NOT_ACCEPTABLE',
    message: 'Not Acceptable',
    when: 'The `Accept` header asks for a representation the route cannot produce.',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    errorCode: 'HPE_GL_ERROR_REQUEST_TIMEOUT',
    message: 'Request Timeout',
    when: 'The request was not received in full in time (its headers or body stalled); the connection is closed.',
  },
  CONFLICT: {
    status: 409,
    errorCode: 'HPE_GL_ERROR_CONFLICT',
    message: 'Conflict',
    when: 'The request conflicts with the current state, e.g. a name or id already in use.',
  },
  PRECONDITION_FAILED: {
    status: 412,
    errorCode: 'HPE_GL_ERROR_PRECONDITION_FAILED',
    message: 'Precondition Failed',
    when: '`If-Match` names a generation that is not the current one.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    errorCode: 'HPE_GL_ERROR_PAYLOAD_TOO_LARGE',
    message: 'Payload Too Large',
    when: 'The request body is larger than `CONSUMO_BODY_LIMIT` (the GreenLake standard names no code for 413; ours follows its pattern).',
  },
  URI_TOO_LONG: {
    status: 414,
    errorCode: 'HPE_GL_ERROR_URI_TOO_LONG',
    message: 'URI Too Long',
    when: 'A path segment (an id) is longer than 1,024 characters, more than any id may take.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    errorCode: 'HPE_GL_ERROR_UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported Media Type',
    when: 'The `Content-Type` of the body is not one the route accepts.',
  },
  UNPROCESSABLE_CONTENT: {
    status: 422,
    errorCode: 'HPE_GL_UNPROCESSABLE_CONTENT',
    message: 'Unprocessable Content',
    when: 'The request is well-formed but cannot be carried out as asked.',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    errorCode: 'HPE_GL_ERROR_TOO_MANY_REQUESTS',
    message: 'Too Many Requests',
    when: "The workspace used up the endpoint's per-minute budget; `X-RateLimit-Reset` says in how many seconds it refills.",
  },
  REQUEST_HEADER_FIELDS_TOO_LARGE: {
    status: 431,
    errorCode: 'HPE_GL_ERROR_REQUEST_HEADER_FIELDS_TOO_LARGE',
    message: 'Request Header Fields Too Large',
    when: "The request's headers are larger than the server reads (Node's `--max-http-header-size`, 16 KiB by default).",
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    errorCode: 'HPE_GL_ERROR_INTERNAL_SERVER_ERROR',
    message: 'Internal Server Error',
    when: 'An unexpected failure; nothing internal is shown, the `debugId` finds it in the logs.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    errorCode: 'HPE_GL_ERROR_SERVICE_UNAVAILABLE',
    message: 'Service Unavailable',
    when: 'The server is shutting down or its database is unreachable.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorName = keyof typeof errorCatalog;

const byStatus = new Map<number, ErrorName>();
for (const [name, entry] of Object.entries(errorCatalog) as [ErrorName, CatalogEntry][]) {
  if (!byStatus.has(entry.status)) byStatus.set(entry.status, name);
}

/** The generic catalog entry for an HTTP status (falls back to 400 or 500). */
export function errorNameForStatus(status: number): ErrorName {
  return byStatus.get(status) ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
}
