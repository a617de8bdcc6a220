/**
 * Parses a request's XML into an element tree, strictly: well-formed, namespace-aware, and with
 * no DOCTYPE — the document type declaration is where entity expansion attacks (XXE, "billion
 * laughs") live, and no vendor XML API here needs one, so it is refused before anything of it is
 * read. Text beside child elements (mixed content) is refused too; comments and processing
 * instructions are skipped.
 */
import { SaxesParser } from 'saxes';
import { type XmlElement, XmlError } from './xml-element.js';

export interface ParseXmlOptions {
  /** Deepest nesting accepted (the root is depth 1). */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 32;

export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: XmlError | undefined;
  const where = () => `line ${parser.line}, column ${parser.column + 1}`;
  const fail = (message: string) => {
    failure ??= new XmlError(message);
    // Stop reading: saxes throws from write() once an error handler rethrows.
    throw failure;
  };

  /** Where in the tree the parser is: the open elements, outermost first. */
  const inside = () => (stack.length > 0 ? ` inside <${stack.map((el) => el.name).join('/')}>` : '');
  /** The tag the parser stopped at, read back from the text before its position. */
  const atTag = () => {
    const tag = /<(\/?[\w:.-]+)[^<]*$/.exec(text.slice(Math.max(0, parser.position - 200), parser.position))?.[1];
    return tag ? ` at <${tag}>` : '';
  };
  parser.on('error', (err) =>
    fail(`Malformed XML: ${err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '')}${atTag()}${inside()} (${where()})`),
  );
  parser.on('doctype', () => fail(`A DOCTYPE is not accepted (${where()})`));
  parser.on('opentag', (tag) => {
    if (stack.length >= maxDepth) fail(`Elements nest deeper than ${maxDepth} levels (${where()})`);
    const attributes: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      attributes[attr.local] = attr.value;
    }
    const el: XmlElement = { ns: tag.uri, name: tag.local, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) {
      if (parent.text.trim() !== '') fail(`<${parent.name}> holds both text and elements (${where()})`);
      parent.text = '';
      parent.children.push(el);
    } else root = el;
    stack.push(el);
  });
  const addText = (text: string) => {
    const current = stack[stack.length - 1];
    if (!current) return; // whitespace around the root; saxes refuses anything else there
    if (current.children.length > 0) {
      if (text.trim() !== '') fail(`<${current.name}> holds both text and elements (${where()})`);
      return;
    }
    current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(text).close();
  } catch (err) {
    if (failure) throw failure;
    throw new XmlError(`Malformed XML: ${(err as Error).message}${inside()}`);
  }
  if (!root) throw new XmlError('The body holds no XML element');
  return root;
}
