/**
 * Cloud Cruiser 3 REST API v1 under `/rest/v1`: budgets, budget usage and alerts (namespace
 * …/v1/Budget), customers (…/v1/Customer) and each family's WADL. XML in and out, HTTP Basic with
 * an API client's id and secret (or a bearer token), errors as a status and a plain message. An
 * encapsulated plugin: its body parser, error and not-found handlers reach only these routes.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../../platform/errors/index.js';
import type { ErrorEnvelope } from '../../../platform/http/error-envelopes.js';
import { sendRendered } from '../../../platform/http/error-handler.js';
import { authOf } from '../../../platform/http/guards.js';
import type { Permission } from '../../../platform/rbac/permissions.js';
import { type XmlElement, XmlError, parseXml, serializeXml } from '../../../platform/xml/index.js';
import { budgetsElement, customerBudgetElement, parseBudgetType, readCustomerBudgetDocument } from '../budget-xml.js';
import type { BudgetsDeps } from '../budgets-deps.js';
import { badRequest, notFound } from '../budgets.errors.js';
import { budgetsForCustomer, createBudget, deleteBudget, getBudget, replaceBudget } from '../budgets.service.js';
import { customerElement, customersElement, readCustomerUpdate } from '../customers/customer-xml.js';
import { getCustomer, listCustomers, updateCustomer } from '../customers/customers.service.js';
import { budgetUsage } from '../usage/budget-usage.service.js';
import { budgetAndUsageElement, readBudgetQueryInput } from '../usage/usage-xml.js';
import { alertInstancesElement, readAlertQueryInput } from '../alerts/alerts-xml.js';
import { queryAlerts } from '../alerts/alert-queries.service.js';
import { BASIC_CHALLENGE, toPlainTextError } from './plain-text-errors.js';
import { type WadlOperation, wadlDocument } from './wadl.js';

interface Call {
  workspaceId: string;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  body: XmlElement | undefined;
  now: Date;
}

/** What a handler answers: an element to serialise, or nothing (204). */
type Handler = (deps: BudgetsDeps, call: Call) => Promise<XmlElement | undefined>;

interface Operation extends WadlOperation {
  family: 'budgets' | 'customers';
  permission: Permission;
  handle: Handler;
}

const INT_MAX = 2_147_483_647;

function pathId(call: Call, what: string): number {
  const text = call.params.id ?? '';
  const id = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(id >= 1 && id <= INT_MAX)) throw notFound(`No ${what} with id '${text}' (ids are whole numbers).`);
  return id;
}

function queryText(call: Call, name: string): string | undefined {
  const value = call.query[name];
  if (Array.isArray(value)) throw badRequest(`Query parameter ${name} takes one value; it was given ${value.length}.`);
  return value;
}

function queryWhole(call: Call, name: string, min: number, max: number): number | undefined {
  const text = queryText(call, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) throw badRequest(`Query parameter ${name} must be a whole number ${min}–${max}; got '${text}'.`);
  return Number(text);
}

function body(call: Call): XmlElement {
  if (!call.body) throw badRequest('The request needs an XML body (Content-Type: application/xml).');
  return call.body;
}

const id = { id: 'xs:int' } as const;

const OPERATIONS: Operation[] = [
  {
    family: 'budgets', method: 'GET', path: 'budget/accountId/{accountId}', id: 'getBudgetsForCustomer', permission: 'budgets.view',
    templateTypes: { accountId: 'xs:string' },
    query: [{ name: 'budgetType', type: 'xs:string', default: 'ALL' }, { name: 'accountingYear', type: 'xs:int' }, { name: 'resourceid', type: 'xs:string' }],
    response: 'budgets',
    handle: async (deps, call) => {
      const type = queryText(call, 'budgetType');
      const budgetType = type === undefined ? undefined : parseBudgetType(type, 'Query parameter budgetType');
      const accountingYear = queryWhole(call, 'accountingYear', 1, 9999);
      const budgets = await budgetsForCustomer(deps, call.workspaceId, call.params.accountId!, {
        ...(budgetType && { budgetType }),
        ...(accountingYear !== undefined && { accountingYear }),
      });
      return budgetsElement(budgets);
    },
  },
  {
    family: 'budgets', method: 'POST', path: 'budget', id: 'createBudget', permission: 'budgets.edit', request: 'customerBudget', response: 'customerBudget',
    handle: async (deps, call) => customerBudgetElement(await createBudget(deps, call.workspaceId, readCustomerBudgetDocument(body(call)))),
  },
  {
    family: 'budgets', method: 'GET', path: 'budget/{id}', id: 'getBudget', permission: 'budgets.view', templateTypes: id, response: 'customerBudget',
    handle: async (deps, call) => customerBudgetElement(await getBudget(deps.db, call.workspaceId, pathId(call, 'budget'))),
  },
  {
    family: 'budgets', method: 'PUT', path: 'budget/{id}', id: 'updateBudget', permission: 'budgets.edit', templateTypes: id,
    request: 'customerBudget', response: 'customerBudget',
    handle: async (deps, call) => {
      const budgetId = pathId(call, 'budget');
      return customerBudgetElement(await replaceBudget(deps, call.workspaceId, budgetId, readCustomerBudgetDocument(body(call))));
    },
  },
  {
    family: 'budgets', method: 'DELETE', path: 'budget/{id}', id: 'deleteBudget', permission: 'budgets.edit', templateTypes: id,
    handle: async (deps, call) => {
      await deleteBudget(deps, call.workspaceId, pathId(call, 'budget'));
      return undefined;
    },
  },
  {
    family: 'budgets', method: 'POST', path: 'usage', id: 'getUsageForCustomer', permission: 'budgets.view', request: 'budgetQueryInput', response: 'budgetAndUsage',
    handle: async (deps, call) => budgetAndUsageElement(await budgetUsage(deps.db, call.workspaceId, readBudgetQueryInput(body(call)), call.now)),
  },
  {
    family: 'budgets', method: 'POST', path: 'alerts', id: 'getAlertsForCustomer', permission: 'budgets.view', request: 'alertQueryInput', response: 'alertInstances',
    handle: async (deps, call) => alertInstancesElement(await queryAlerts(deps.db, call.workspaceId, readAlertQueryInput(body(call)))),
  },
  {
    family: 'customers', method: 'GET', path: '', id: 'getCustomers', permission: 'budgets.view',
    query: [{ name: 'accountId', type: 'xs:string' }, { name: 'ratePlan', type: 'xs:string' }, { name: 'accountLevel', type: 'xs:string' }],
    response: 'customers',
    handle: async (deps, call) => {
      const filter = Object.fromEntries(
        (['accountId', 'ratePlan', 'accountLevel'] as const).flatMap((name) => {
          const value = queryText(call, name);
          return value === undefined ? [] : [[name, value]];
        }),
      );
      return customersElement(await listCustomers(deps.db, call.workspaceId, filter));
    },
  },
  {
    family: 'customers', method: 'GET', path: 'customer/accountId/{accountId}', id: 'getCustomerByAccountId', permission: 'budgets.view',
    templateTypes: { accountId: 'xs:string' }, response: 'customer',
    handle: async (deps, call) => customerElement(await getCustomer(deps.db, call.workspaceId, call.params.accountId!)),
  },
  {
    family: 'customers', method: 'PUT', path: 'customer/{id}', id: 'updateCustomer', permission: 'budgets.edit', templateTypes: id,
    request: 'customer', response: 'customer',
    handle: async (deps, call) => {
      const customerId = pathId(call, 'customer');
      return customerElement(await updateCustomer(deps, call.workspaceId, customerId, readCustomerUpdate(body(call))));
    },
  },
];

const XML_TYPE = 'application/xml';

function sendXml(reply: FastifyReply, root: XmlElement, status = 200): FastifyReply {
  return reply.status(status).type(XML_TYPE).send(serializeXml(root));
}

/** The routes' own paths: `{name}` becomes Fastify's `:name`. */
const routePath = (op: Operation) => `/${op.family}${op.path ? `/${op.path.replace(/\{(\w+)\}/g, ':$1')}` : ''}`;

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/rest/v1/`;
}

export const cloudCruiserXmlPlugin: FastifyPluginAsync<BudgetsDeps> = async (app, deps) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, parseXml(text as string));
    } catch (err) {
      done(err instanceof XmlError ? err : new XmlError(String(err)), undefined);
    }
  });

  // Plain text for every status under /rest/v1, also where no route answers (a bad URL, 431; ADR 0022).
  const renderPlainText: ErrorEnvelope = (err) => {
    const error = toPlainTextError(err);
    const headers: Record<string, string> = { ...(err instanceof ApiError ? err.headers : {}) };
    if (error.status === 401) headers['WWW-Authenticate'] = BASIC_CHALLENGE;
    return { status: error.status, headers, contentType: 'text/plain; charset=utf-8', body: error.message, serverFault: error.serverFault };
  };
  app.errorEnvelopes.register([app.prefix], renderPlainText);
  app.setErrorHandler((err, request, reply) => sendRendered(request, reply, renderPlainText(err, String(request.id)), err));
  app.setNotFoundHandler((request, reply) => {
    // A known path with another method is a 405 with Allow, as on every family.
    const miss = app.routeMiss(request);
    if (miss.status === 405) throw miss;
    return reply.status(404).type('text/plain; charset=utf-8').send(`No resource ${request.method} ${request.url.split('?')[0]}.`);
  });

  /** Each family's root answers its WADL (`?_wadl`), as Cloud Cruiser's JAX-RS server did. */
  const wadl = (request: FastifyRequest, reply: FastifyReply, family: Operation['family']) =>
    sendXml(reply, wadlDocument(baseUrl(request), family, OPERATIONS.filter((op) => op.family === family)));
  const wantsWadl = (request: FastifyRequest) => '_wadl' in (request.query as object);

  for (const op of OPERATIONS) {
    app.route({
      method: op.method,
      url: routePath(op),
      schema: { hide: true },
      config: { permission: op.permission, basicAuth: true },
      handler: async (request, reply) => {
        if (op.path === '' && op.method === 'GET' && wantsWadl(request)) return wadl(request, reply, op.family);
        const answer = await op.handle(deps, {
          workspaceId: authOf(request).workspaceId,
          params: request.params as Record<string, string>,
          query: request.query as Record<string, string | string[] | undefined>,
          body: request.body as XmlElement | undefined,
          now: new Date(deps.now()),
        });
        return answer ? sendXml(reply, answer) : reply.status(204).send();
      },
    });
  }

  // A family whose root is no operation serves only its WADL there.
  for (const family of ['budgets', 'customers'] as const) {
    if (OPERATIONS.some((op) => op.family === family && op.path === '' && op.method === 'GET')) continue;
    app.get(`/${family}`, { schema: { hide: true }, config: { permission: 'budgets.view', basicAuth: true } }, async (request, reply) => {
      if (!wantsWadl(request)) throw notFound(`No resource GET /rest/v1/${family}; see /rest/v1/${family}?_wadl.`);
      return wadl(request, reply, family);
    });
  }
};
