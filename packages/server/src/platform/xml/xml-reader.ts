/**
 * Reading a parsed document against the shape an endpoint expects, so that every refusal names the
 * element or attribute at fault: the root and its namespace, known child elements only (each at
 * most once unless it repeats), and xs:int / xs:short / xs:boolean / xs:decimal values.
 */
import { type XmlElement, XmlError } from './xml-element.js';

/** The root must be `name` in namespace `ns`. */
export function expectRoot(root: XmlElement, ns: string, name: string): XmlElement {
  if (root.name !== name || root.ns !== ns) {
    throw new XmlError(`The root element must be <${name}> in namespace ${ns}; got <${root.name}>${root.ns ? ` in namespace ${root.ns}` : ' in no namespace'}`);
  }
  return root;
}

/** An element's children by name; each must be in the element's namespace and among `known`, and appear once unless listed in `repeating`. */
export class Children {
  private readonly byName = new Map<string, XmlElement[]>();

  constructor(
    private readonly parent: XmlElement,
    known: readonly string[],
    repeating: readonly string[] = [],
  ) {
    for (const child of parent.children) {
      if (child.ns !== parent.ns || !known.includes(child.name)) {
        throw new XmlError(`<${parent.name}> has no element <${child.name}>${child.ns !== parent.ns ? ` in namespace ${child.ns || '(none)'}` : ''}`);
      }
      const list = this.byName.get(child.name) ?? [];
      if (list.length > 0 && !repeating.includes(child.name)) throw new XmlError(`<${parent.name}> has <${child.name}> more than once`);
      list.push(child);
      this.byName.set(child.name, list);
    }
  }

  all(name: string): XmlElement[] {
    return this.byName.get(name) ?? [];
  }

  optional(name: string): XmlElement | undefined {
    return this.byName.get(name)?.[0];
  }

  required(name: string): XmlElement {
    const el = this.optional(name);
    if (!el) throw new XmlError(`<${this.parent.name}> needs an element <${name}>`);
    return el;
  }
}

/** Text of a leaf element, trimmed; a leaf with child elements is refused. */
export function leafText(el: XmlElement): string {
  if (el.children.length > 0) throw new XmlError(`<${el.name}> must hold a value, not elements`);
  return el.text.trim();
}

const INTEGER = /^[+-]?\d+$/;

/** A whole number within [min, max] (xs:int / xs:short ranges, or the endpoint's own). */
export function parseWhole(text: string, what: string, min: number, max: number): number {
  const n = INTEGER.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new XmlError(`${what} must be a whole number from ${min} to ${max}; got '${text}'`);
  return n;
}

/** xs:boolean: true, false, 1 or 0. */
export function parseBoolean(text: string, what: string): boolean {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new XmlError(`${what} must be true or false; got '${text}'`);
}

const DECIMAL = /^\+?(\d*)(?:\.(\d*))?$/;

/**
 * A non-negative xs:decimal, as a decimal string with the scale written (`40000.0` stays
 * `40000.0`; `+5` becomes `5`, `.5` becomes `0.5`): never a binary float.
 */
export function parseNonNegativeDecimal(text: string, what: string, bounds: { integerDigits: number; fractionDigits: number }): string {
  if (text.startsWith('-')) throw new XmlError(`${what} must not be negative; got '${text}'`);
  const m = DECIMAL.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new XmlError(`${what} must be a decimal number such as 42500.0; got '${text}'`);
  const integer = (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = m[2] ?? '';
  if (integer.length > bounds.integerDigits || fraction.length > bounds.fractionDigits) {
    throw new XmlError(`${what} allows ${bounds.integerDigits} digits before the point and ${bounds.fractionDigits} after; got '${text}'`);
  }
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

/** An element that carries attributes only (xs:complexType with no content). */
export function attributesOnly(el: XmlElement): void {
  if (el.children.length > 0 || el.text.trim() !== '') throw new XmlError(`<${el.name}> takes attributes only, no content`);
}

/** A required attribute. */
export function requiredAttribute(el: XmlElement, name: string): string {
  const value = el.attributes[name];
  if (value === undefined) throw new XmlError(`<${el.name}> needs the attribute ${name}`);
  return value;
}
