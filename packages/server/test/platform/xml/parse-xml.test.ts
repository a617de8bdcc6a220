/** The XML the vendor APIs read and write: strict parsing, no DOCTYPE (so no entity attacks), and serialising back. */
import { describe, expect, it } from 'vitest';
import { XmlError, element, parseXml, serializeXml } from '../../../src/platform/xml/index.js';

const NS = 'http://www.cloudcruiser.com/webservices/v1/Budget';

describe('parseXml', () => {
  it('reads namespaces, attributes, text, entities and CDATA', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment --><b:budgets xmlns:b="${NS}" count="2">\n  <b:x a="1 &amp; 2">T&lt;1 <![CDATA[<raw>]]></b:x>\n  <plain xmlns=""/>\n</b:budgets>`,
    );
    expect(root).toEqual({
      ns: NS,
      name: 'budgets',
      attributes: { count: '2' },
      text: '',
      children: [
        { ns: NS, name: 'x', attributes: { a: '1 & 2' }, children: [], text: 'T<1 <raw>' },
        { ns: '', name: 'plain', attributes: {}, children: [], text: '' },
      ],
    });
  });

  it.each([
    ['an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
    ['nested entities ("billion laughs")', '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;">]><r>&c;</r>'],
    ['a bare DOCTYPE', '<!DOCTYPE budgets><budgets/>'],
  ])('refuses %s before reading the document', (_what, xml) => {
    expect(() => parseXml(xml)).toThrow(/A DOCTYPE is not accepted/);
  });

  it.each([
    ['an unclosed element', '<a><b></a>', /Malformed XML/],
    ['two roots', '<a/><b/>', /Malformed XML/],
    ['an undefined entity', '<a>&nope;</a>', /Malformed XML/],
    ['an undeclared prefix', '<x:a/>', /Malformed XML/],
    ['text beside elements', '<a>text<b/></a>', /holds both text and elements/],
    ['elements after text', '<a><b/>text</a>', /holds both text and elements/],
    ['nothing', '', /Malformed XML|no XML element/],
    ['plain text', 'budgets', /Malformed XML/],
  ])('refuses %s with an XmlError', (_what, xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(message);
  });

  it('says where the document breaks', () => {
    expect(() => parseXml('<a>\n  <b>\n</a>')).toThrow(/line 3/);
  });

  it('refuses nesting deeper than its bound', () => {
    const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(parseXml(deep(5), { maxDepth: 5 }).name).toBe('a');
    expect(() => parseXml(deep(6), { maxDepth: 5 })).toThrow(/deeper than 5 levels/);
  });
});

describe('serializeXml', () => {
  it('writes the declaration, the default namespace once, two spaces a level, empty elements closed', () => {
    const doc = element(NS, 'budgets', { count: '1' }, [
      element(NS, 'customer', { id: '7', accountId: 'B-AA', missing: undefined }),
      element(NS, 'currencyCode', {}, 'usd'),
    ]);
    expect(serializeXml(doc)).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<budgets xmlns="${NS}" count="1">\n  <customer id="7" accountId="B-AA"/>\n  <currencyCode>usd</currencyCode>\n</budgets>\n`,
    );
  });

  it('escapes what must be escaped, and reads back what it wrote', () => {
    const doc = element(NS, 'r', { a: '"<&>\'\n\t' }, [element(NS, 't', {}, 'a < b && c > "d"'), element('', 'free', {}, 'x')]);
    expect(parseXml(serializeXml(doc))).toEqual(doc);
  });
});
