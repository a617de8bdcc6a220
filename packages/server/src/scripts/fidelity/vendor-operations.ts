/**
 * The vendor operations Consumo stands in for, as the vendors' public documents describe them
 * (the product's founding pages — "seed" — and the fuller specifications beside them), and what
 * Consumo decided where the vendor is silent. The
 * fidelity report (docs/fidelity.md) joins this catalogue with the routes the server really adds;
 * its test fails when a vendor-path route is missing here or a served operation has no route.
 */

export type FamilyId = 'greenlake-auth' | 'focus-exports' | 'flex' | 'subscriptions' | 'navigator' | 'cloud-cruiser';

export interface Family {
  id: FamilyId;
  title: string;
  /** Where the vendor's description comes from. */
  source: string;
  /** URL prefixes of the family: every route under them is a vendor operation or an extension. */
  prefixes: string[];
  /** The error body every refusal of the family carries. */
  errors: string;
  /** How a call authenticates. */
  auth: string;
  /** Rate-limit behaviour of the family, beside each operation's limit. */
  limits: string;
}

/** One decision taken where the vendor's text is silent or contradicts itself. */
export interface Inference {
  what: string;
  /** The decision record (docs/adr/…), by number. */
  adr: string;
}

export interface VendorOperation {
  family: FamilyId;
  /** The vendor's name for the operation. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The vendor's path template, `{param}` style. */
  path: string;
  /** `seed` when the family's founding page shows it; `reference` when only the fuller public spec does; `inferred` when no public text does. */
  documentedIn: 'seed' | 'reference' | 'inferred';
  /** The vendor's own per-minute limit, when published (the report checks the route serves it). */
  documentedLimitPerMinute?: number;
  /** Asynchronous behaviour, when the operation is not answered in one response. */
  async?: string;
  inferred?: Inference[];
  /** Set for an operation Consumo does not serve, saying why. */
  notServed?: string;
}

/** A route under a vendor prefix that the vendor does not document: Consumo's own addition. */
export interface Extension {
  method: VendorOperation['method'];
  path: string;
  why: string;
  adr: string;
}

export const FAMILIES: Family[] = [
  {
    id: 'greenlake-auth',
    title: 'HPE GreenLake — OAuth2 client credentials',
    source: 'the HPE GreenLake developer portal\'s API authentication guide',
    prefixes: ['/authorization/', '/as/'],
    errors: 'OAuth2 error body `{error, error_description}` (RFC 6749 §5.2) — ADR 0003',
    auth: 'client id and secret in the form body or HTTP Basic; `grant_type=client_credentials`',
    limits: 'failed attempts throttled per client and per address (429 with `Retry-After`)',
  },
  {
    id: 'focus-exports',
    title: 'HPE GreenLake Consumption Analytics — FOCUS Exports v1beta1',
    source: 'the FOCUS Exports v1beta1 API reference (list, get, contents) and its changelog, HPE GreenLake developer portal',
    prefixes: ['/consumption-analytics/'],
    errors: 'GreenLake envelope `{httpStatusCode, errorCode, message, debugId, errorDetails}`',
    auth: 'bearer access token from the GreenLake token endpoint',
    limits: 'per workspace and endpoint, `X-RateLimit-Limit/-Remaining/-Reset` on every answer, 429 with `Retry-After` (ADR 0002); the vendor publishes no limits for this API, so ours are stated in ADR 0013',
  },
  {
    id: 'flex',
    title: 'HPE Flex Solutions API v1beta1',
    source: 'the Flex Solutions API guide and its v1beta1 OpenAPI description, HPE GreenLake developer portal',
    prefixes: ['/flex/'],
    errors: 'GreenLake envelope `{httpStatusCode, errorCode, message, debugId, errorDetails}`',
    auth: 'bearer access token; permissions View Orders / View Devices',
    limits: '100 requests per minute per operation, as published; `X-RateLimit-*` headers, 429 with `Retry-After` (ADR 0002)',
  },
  {
    id: 'subscriptions',
    title: 'HPE GreenLake Subscription Management (v1, v1beta1, v1alpha1, v2beta1)',
    source: 'the Subscription Management API reference (add, update tags, list, get, async operations) and its OpenAPI bundles (v1, v1beta1, v1alpha1, v2beta1), HPE GreenLake developer portal',
    prefixes: ['/subscriptions/'],
    errors: 'GreenLake envelope `{httpStatusCode, errorCode, message, debugId, errorDetails}`',
    auth: 'bearer access token; permissions view / edit',
    limits: 'the published per-operation limits; `X-RateLimit-*` headers, 429 with `Retry-After` (ADR 0002)',
  },
  {
    id: 'navigator',
    title: 'VMware Cloud Partner Navigator — billing, organizations, token exchange',
    source: 'VMware Cloud Partner Navigator documentation: *Generate a Services Usage Report*, *Using Navigator APIs*, tenant management; VMware Cloud Services\' API-token authorize reference',
    prefixes: ['/cphub/', '/csp/'],
    errors: 'CSP error body `{statusCode, errorCode, message, requestId, cspErrorCode, moduleCode}` — ADR 0020',
    auth: '`csp-auth-token` (or `Authorization: Bearer`) from an API-token exchange; the access Navigator documents for each organization role',
    limits: 'Navigator publishes none; per workspace and endpoint limits of our own (ADR 0020 §18), 429 in the CSP body',
  },
  {
    id: 'cloud-cruiser',
    title: 'Cloud Cruiser 3 REST API v1 — budgets, alerts, customers (XML)',
    source: 'the Cloud Cruiser 3 REST API reference (HPE Consumption Analytics documentation): *Budgets and alerts* (from *Get budgets for a customer*), *Customers*, *Rate plans*, *Resources*, *Reports*',
    prefixes: ['/rest/'],
    errors: 'answers are XML (200, or 204 for a delete); refusals a status and a plain-text message (`text/plain`), as Cloud Cruiser answered: 400, 401 (with a Basic challenge), 403, 404, 405',
    auth: 'HTTP Basic with an API client id and secret, or a bearer token',
    limits: 'none: Cloud Cruiser had none (ADR 0017)',
  },
];

const FOCUS = '/consumption-analytics/v1beta1/focus-exports';
const NAV_BILLING = '/cphub/api/billing/v1/orgs/{orgId}';

/** Subscription Management's operations exist in several versions with the same behaviour. */
function subscriptionVersions(): VendorOperation[] {
  const ops: VendorOperation[] = [];
  const asyncNote = '202 with `Location: /subscriptions/{version}/async-operations/{id}` and `{code, status, transactionId}`; the operation goes INITIALIZED → RUNNING → SUCCEEDED, FAILED or TIMEDOUT, and is kept 24 hours';
  for (const version of ['v1', 'v1beta1'] as const) {
    const documentedIn = version === 'v1' ? 'seed' : 'reference';
    ops.push(
      {
        family: 'subscriptions', name: `Add subscriptions (${version})`, method: 'POST', path: `/subscriptions/${version}/subscriptions`,
        documentedIn, documentedLimitPerMinute: 4, async: asyncNote,
        inferred: [
          { what: 'the shape of the async operation\'s `result` and its `resultType` values (modelled on the Devices API)', adr: '0009' },
          { what: 'which keys exist and what they subscribe to: a catalog of keys loaded by the operator', adr: '0011' },
        ],
      },
      {
        family: 'subscriptions', name: `Update subscription tags (${version})`, method: 'PATCH', path: `/subscriptions/${version}/subscriptions`,
        documentedIn, documentedLimitPerMinute: 5, async: asyncNote,
        inferred: [{ what: '`id` accepted repeated or as a comma list', adr: '0009' }],
      },
      { family: 'subscriptions', name: `Get subscriptions of a workspace (${version})`, method: 'GET', path: `/subscriptions/${version}/subscriptions`, documentedIn, documentedLimitPerMinute: 60 },
      {
        family: 'subscriptions', name: `Get information on a subscription (${version})`, method: 'GET', path: `/subscriptions/${version}/subscriptions/{id}`, documentedIn, documentedLimitPerMinute: 20,
      },
      {
        family: 'subscriptions', name: `Get progress or status of async operations (${version})`, method: 'GET', path: `/subscriptions/${version}/async-operations/{id}`,
        documentedIn, documentedLimitPerMinute: 30,
        inferred: [
          { what: '`TIMEDOUT` (not the guide\'s "TIMEOUT"), the time-out measured from `startedAt`; an unknown id is a 404 (the published 404 example is a copy of the 422)', adr: '0009' },
        ],
      },
    );
  }
  return ops;
}

export const VENDOR_OPERATIONS: VendorOperation[] = [
  // GreenLake auth
  { family: 'greenlake-auth', name: 'Get an access token (workspace)', method: 'POST', path: '/authorization/v2/oauth2/{workspaceId}/token', documentedIn: 'reference' },
  {
    family: 'greenlake-auth', name: 'Get an access token (legacy SSO)', method: 'POST', path: '/as/token.oauth2', documentedIn: 'reference',
    inferred: [{ what: 'errors in the OAuth2 body rather than the GreenLake envelope', adr: '0003' }],
  },

  // FOCUS Exports
  { family: 'focus-exports', name: 'List FOCUS exports', method: 'GET', path: FOCUS, documentedIn: 'seed' },
  { family: 'focus-exports', name: 'Get a FOCUS export', method: 'GET', path: `${FOCUS}/{id}`, documentedIn: 'seed' },
  {
    family: 'focus-exports', name: 'Get FOCUS export contents', method: 'GET', path: `${FOCUS}/{id}/contents`, documentedIn: 'seed',
    inferred: [
      { what: '`relativeDate` values (from the sibling Consumption Analytics v2 spec) and their precedence over `startDate`/`endDate`', adr: '0013' },
      { what: 'an export with no rows in range answers 204', adr: '0013' },
      { what: 'the five named 400 cases\' bodies, and the FOCUS columns and version of the CSV', adr: '0013' },
    ],
  },

  // Flex
  { family: 'flex', name: 'Get and search for orders', method: 'GET', path: '/flex/v1beta1/orders', documentedIn: 'seed', documentedLimitPerMinute: 100 },
  { family: 'flex', name: 'Get distinct transformative data for orders', method: 'GET', path: '/flex/v1beta1/orders/transform', documentedIn: 'seed', documentedLimitPerMinute: 100 },
  {
    family: 'flex', name: 'Get and search for devices', method: 'GET', path: '/flex/v1beta1/devices', documentedIn: 'seed', documentedLimitPerMinute: 100,
    inferred: [{ what: 'an unknown filter field or a mistyped literal is a 400 naming `filter`; nulls compare as the GreenLake standard says', adr: '0005' }],
  },
  {
    family: 'flex', name: 'Get a single device by resource ID', method: 'GET', path: '/flex/v1beta1/devices/{id}', documentedIn: 'seed', documentedLimitPerMinute: 100,
    inferred: [{ what: 'looked up by `resourceId`; an unknown id is a 404 (none is documented)', adr: '0001' }],
  },

  // Subscription Management
  ...subscriptionVersions(),
  { family: 'subscriptions', name: 'Get subscriptions (legacy item)', method: 'GET', path: '/subscriptions/v1alpha1/subscriptions', documentedIn: 'reference', documentedLimitPerMinute: 40 },
  {
    family: 'subscriptions', name: 'Unclaim subscriptions in bulk', method: 'DELETE', path: '/subscriptions/v2beta1/subscriptions/bulk', documentedIn: 'reference',
    async: '202 with `Location` naming the async operation, as for add and update',
    inferred: [{ what: 'its rate limit (unstated): the update limit, 5 a minute', adr: '0009' }],
  },
  ...(['v1', 'v1alpha1'] as const).flatMap((version): VendorOperation[] => [
    {
      family: 'subscriptions', name: `Get auto-subscription settings (${version})`, method: 'GET', path: `/subscriptions/${version}/auto-subscription-settings`, documentedIn: 'reference', documentedLimitPerMinute: 25,
      inferred: [{ what: '`autoSubscriptionSettings`, not `autoSubscriptions` (the docs use both)', adr: '0010' }],
    },
    {
      family: 'subscriptions', name: `Get auto-subscription settings by id (${version})`, method: 'GET', path: `/subscriptions/${version}/auto-subscription-settings/{id}`, documentedIn: 'reference', documentedLimitPerMinute: 25,
      inferred: [{ what: 'the settings id is the workspace id: one settings object per workspace', adr: '0010' }],
    },
    {
      family: 'subscriptions', name: `Update auto-subscription settings (${version})`, method: 'PATCH', path: `/subscriptions/${version}/auto-subscription-settings/{id}`, documentedIn: 'reference', documentedLimitPerMinute: 25,
      inferred: [{ what: 'merge-patch semantics of the settings list and its 412 on a stale `If-Match`', adr: '0010' }],
    },
  ]),

  // Navigator
  { family: 'navigator', name: 'Exchange an API token (Navigator)', method: 'POST', path: '/cphub/api/auth/v1/authn/accesstoken', documentedIn: 'reference' },
  {
    family: 'navigator', name: 'Exchange an API token (CSP)', method: 'POST', path: '/csp/gateway/am/api/auth/api-tokens/authorize', documentedIn: 'reference',
    inferred: [{ what: '`expires_in` of 1,799 seconds', adr: '0020' }],
  },
  { family: 'navigator', name: 'Organizations of the logged-in user', method: 'GET', path: '/cphub/api/auth/v1/loggedinuser/orgs', documentedIn: 'reference' },
  {
    family: 'navigator', name: 'Get an organization', method: 'GET', path: '/cphub/api/core/v1/mgmt/orgs/{orgId}/', documentedIn: 'reference',
    inferred: [{ what: 'a workspace is an organization, its id shown as a dashed UUID', adr: '0020' }],
  },
  { family: 'navigator', name: 'List tenants', method: 'GET', path: '/cphub/api/core/v1/mgmt/orgs/{orgId}/tenants', documentedIn: 'reference' },
  {
    family: 'navigator', name: 'Create a tenant', method: 'POST', path: '/cphub/api/core/v1/mgmt/orgs/{orgId}/tenants', documentedIn: 'reference',
    inferred: [{ what: 'a tenant is a workspace with a parent link', adr: '0020' }],
  },
  {
    family: 'navigator', name: 'Generate a services usage report', method: 'GET', path: `${NAV_BILLING}/usage-report`, documentedIn: 'seed',
    inferred: [
      { what: '`startTime`/`endTime` above 1e12 read as milliseconds (the docs say seconds, the example uses ms)', adr: '0020' },
      { what: '`abd` aligns periods to the anniversary billing date; `allTenants` includes every linked tenant', adr: '0020' },
    ],
  },
  { family: 'navigator', name: 'Download the usage report file', method: 'GET', path: `${NAV_BILLING}/usage-report/file`, documentedIn: 'reference' },
  { family: 'navigator', name: 'List subscriptions', method: 'GET', path: `${NAV_BILLING}/subscriptions`, documentedIn: 'reference' },
  {
    family: 'navigator', name: 'Distributor usage download (2-tier)', method: 'POST', path: '/cphub/api/seller/v1/distributors/{orgId}/usages/download', documentedIn: 'reference',
    notServed: 'distributors and resellers (2-tier) are not modelled: an organization is a provider or its tenant',
  },
  {
    family: 'navigator', name: 'Proforma details (2-tier)', method: 'POST', path: '/cphub/api/seller/v1/distributors/{orgId}/proforma-details/search', documentedIn: 'reference',
    notServed: 'no proforma invoicing: Consumo rates usage, it does not invoice partners',
  },
  {
    family: 'navigator', name: 'MSP subscriptions search', method: 'POST', path: '/cphub/api/msp/v1/orgs/{orgId}/subscriptions/search', documentedIn: 'reference',
    notServed: 'the MSP commerce API is outside the billing API the seed describes',
  },
  {
    family: 'navigator', name: 'Billing statements', method: 'GET', path: `${NAV_BILLING}/statements`, documentedIn: 'inferred',
    notServed: 'not found publicly; serving a guessed path would mislead integrators',
  },

  // Cloud Cruiser
  { family: 'cloud-cruiser', name: 'Get budgets for a customer', method: 'GET', path: '/rest/v1/budgets/budget/accountId/{accountId}', documentedIn: 'seed' },
  { family: 'cloud-cruiser', name: 'Get a budget', method: 'GET', path: '/rest/v1/budgets/budget/{id}', documentedIn: 'reference' },
  { family: 'cloud-cruiser', name: 'Update a budget', method: 'PUT', path: '/rest/v1/budgets/budget/{id}', documentedIn: 'reference' },
  {
    family: 'cloud-cruiser', name: 'Create a budget', method: 'POST', path: '/rest/v1/budgets/budget', documentedIn: 'inferred',
    inferred: [{ what: 'the operation itself (a `customerBudget` without `budgetId`), not published', adr: '0017' }],
  },
  {
    family: 'cloud-cruiser', name: 'Delete a budget', method: 'DELETE', path: '/rest/v1/budgets/budget/{id}', documentedIn: 'inferred',
    inferred: [{ what: 'the operation itself (an empty 204), not published', adr: '0017' }],
  },
  { family: 'cloud-cruiser', name: 'Get usage for a customer', method: 'POST', path: '/rest/v1/budgets/usage', documentedIn: 'reference' },
  {
    family: 'cloud-cruiser', name: 'Get alerts for a customer', method: 'POST', path: '/rest/v1/budgets/alerts', documentedIn: 'reference',
    inferred: [{ what: 'when standard and projected alerts fire (the rules behind the published alert instances)', adr: '0018' }],
  },
  { family: 'cloud-cruiser', name: 'Get customers', method: 'GET', path: '/rest/v1/customers', documentedIn: 'reference' },
  {
    family: 'cloud-cruiser', name: 'Get a customer by account ID', method: 'GET', path: '/rest/v1/customers/customer/accountId/{accountId}', documentedIn: 'reference',
    inferred: [{ what: 'the path (only the shape is published)', adr: '0017' }],
  },
  {
    family: 'cloud-cruiser', name: 'Update a customer', method: 'PUT', path: '/rest/v1/customers/customer/{id}', documentedIn: 'reference',
    inferred: [{ what: 'the path (only the shape is published)', adr: '0017' }],
  },
  {
    family: 'cloud-cruiser', name: 'Rate plans', method: 'POST', path: '/rest/v1/ratePlans/ratePlan', documentedIn: 'reference',
    notServed: 'Consumo prices usage with its own price book (`/metering/v1/prices`), not Cloud Cruiser rate plans',
  },
  {
    family: 'cloud-cruiser', name: 'Resources', method: 'GET', path: '/rest/v1/resources/resource/{id}', documentedIn: 'reference',
    notServed: 'resources and their rates are Consumo meters and prices (`/metering/v1/meters`)',
  },
  {
    family: 'cloud-cruiser', name: 'Run a report', method: 'POST', path: '/rest/v1/reports', documentedIn: 'reference',
    notServed: 'rendered PDF/XLS reports are out of scope; FOCUS exports and the console cover the data',
  },
];

export const EXTENSIONS: Extension[] = [
  { method: 'POST', path: FOCUS, why: 'create an export definition (GreenLake has no public create)', adr: '0013' },
  { method: 'PATCH', path: `${FOCUS}/{id}`, why: 'edit an export definition (merge-patch)', adr: '0013' },
  { method: 'DELETE', path: `${FOCUS}/{id}`, why: 'delete an export definition', adr: '0013' },
  { method: 'GET', path: `${FOCUS}/{id}/metadata`, why: 'FOCUS 1.3 dataset metadata of the contents', adr: '0025' },
  { method: 'POST', path: `${FOCUS}/{id}/runs`, why: 'run an export now, into files, as an async run', adr: '0013' },
  { method: 'GET', path: `${FOCUS}/{id}/runs`, why: 'run history', adr: '0013' },
  { method: 'GET', path: `${FOCUS}/{id}/runs/{runId}`, why: 'one run, its files and manifest', adr: '0013' },
  { method: 'GET', path: `${FOCUS}/{id}/runs/{runId}/manifest`, why: "the manifests of a run's billing periods, as written", adr: '0013' },
  { method: 'GET', path: `${FOCUS}/{id}/runs/{runId}/files/{billingPeriod}/{name}`, why: 'download one file a run wrote', adr: '0013' },
  { method: 'GET', path: '/cphub/api/core/v1/mgmt/orgs/{orgId}', why: 'the organization without the documented trailing slash, for clients that drop it (hidden from OpenAPI)', adr: '0020' },
  { method: 'GET', path: '/rest/v1/budgets', why: 'the budgets family\'s WADL at `?_wadl`, as Cloud Cruiser\'s JAX-RS server answered', adr: '0017' },
];
