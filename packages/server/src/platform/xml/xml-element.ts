/** An XML element as the vendor XML APIs exchange them: a namespace, a name, attributes, child elements or text. */
export interface XmlElement {
  /** The namespace URI ('' for none). */
  ns: string;
  /** The local name. */
  name: string;
  /** Unprefixed attributes by local name (namespace declarations excluded). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's text, when it has no child elements ('' otherwise). */
  text: string;
}

/** Malformed or refused XML, or XML that is not what the endpoint reads; the message names what and where. */
export class XmlError extends Error {}

export function element(ns: string, name: string, attributes: Record<string, string | undefined> = {}, content: XmlElement[] | string = []): XmlElement {
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) attrs[key] = value;
  return typeof content === 'string'
    ? { ns, name, attributes: attrs, children: [], text: content }
    : { ns, name, attributes: attrs, children: content, text: '' };
}
