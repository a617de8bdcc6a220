/**
 * The WADL document of a Cloud Cruiser resource family (`…/rest/v1/budgets?_wadl`), written from
 * the same operation table the routes are registered from, so it lists exactly what is served.
 */
import { type XmlElement, element } from '../../../platform/xml/index.js';

export const WADL_NS = 'http://wadl.dev.java.net/2009/02';
const XS_NS = 'http://www.w3.org/2001/XMLSchema';

export interface WadlOperation {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path below the family root, `{name}` for a template parameter ('' for the root itself). */
  path: string;
  id: string;
  /** Template parameters' XML Schema types, by name. */
  templateTypes?: Record<string, 'xs:int' | 'xs:string'>;
  query?: { name: string; type: 'xs:string' | 'xs:int'; default?: string }[];
  /** Root element of the request body, when there is one. */
  request?: string;
  /** Root element of the answer, when there is one. */
  response?: string;
}

const representation = (root: string | undefined) =>
  element(WADL_NS, 'representation', { mediaType: 'application/xml', ...(root && { element: root }) });

function methodElement(op: WadlOperation): XmlElement {
  const request = [
    ...(op.query ?? []).map((q) => element(WADL_NS, 'param', { name: q.name, style: 'query', type: q.type, default: q.default })),
    ...(op.request ? [representation(op.request)] : []),
  ];
  return element(WADL_NS, 'method', { id: op.id, name: op.method }, [
    ...(request.length ? [element(WADL_NS, 'request', {}, request)] : []),
    element(WADL_NS, 'response', { status: op.response ? '200' : '204' }, op.response ? [representation(op.response)] : []),
  ]);
}

/** `application` with one `resources` at `base` and a `resource` per distinct path, its methods in table order. */
export function wadlDocument(base: string, family: string, operations: readonly WadlOperation[]): XmlElement {
  const paths = [...new Set(operations.map((op) => op.path))];
  const resources = paths.map((path) => {
    const ops = operations.filter((op) => op.path === path);
    const templates = Object.entries(Object.assign({}, ...ops.map((op) => op.templateTypes ?? {})) as Record<string, string>);
    return element(WADL_NS, 'resource', { path: path === '' ? family : `${family}/${path}` }, [
      ...templates.map(([name, type]) => element(WADL_NS, 'param', { name, style: 'template', type })),
      ...ops.map(methodElement),
    ]);
  });
  const application = element(WADL_NS, 'application', {}, [
    element(WADL_NS, 'doc', { title: `Consumo: Cloud Cruiser 3 REST API v1, ${family}` }),
    element(WADL_NS, 'resources', { base }, resources),
  ]);
  application.attributes['xmlns:xs'] = XS_NS;
  return application;
}
