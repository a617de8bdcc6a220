export { type XmlElement, XmlError, element } from './xml-element.js';
export { type ParseXmlOptions, parseXml } from './parse-xml.js';
export { serializeXml } from './serialize-xml.js';
export {
  Children, attributesOnly, expectRoot, leafText, parseBoolean, parseNonNegativeDecimal, parseWhole, requiredAttribute,
} from './xml-reader.js';
