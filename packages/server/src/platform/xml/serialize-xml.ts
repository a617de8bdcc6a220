/**
 * Writes an element tree as an XML document the way JAXB marshals one with formatted output: the
 * declaration, the root's namespace as the default namespace, two spaces a level, empty elements
 * self-closed. Children in the namespace of their parent inherit it.
 */
import type { XmlElement } from './xml-element.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) =>
  escapeText(text).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

function write(el: XmlElement, parentNs: string, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const nsDeclaration = el.ns !== parentNs ? ` xmlns="${escapeAttribute(el.ns)}"` : '';
  const attrs = Object.entries(el.attributes).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
  const open = `${indent}<${el.name}${nsDeclaration}${attrs}`;
  if (el.children.length > 0) {
    out.push(`${open}>`);
    for (const child of el.children) write(child, el.ns, depth + 1, out);
    out.push(`${indent}</${el.name}>`);
  } else if (el.text !== '') {
    out.push(`${open}>${escapeText(el.text)}</${el.name}>`);
  } else {
    out.push(`${open}/>`);
  }
}

export function serializeXml(root: XmlElement): string {
  const out = [DECLARATION];
  write(root, '', 0, out);
  return `${out.join('\n')}\n`;
}
