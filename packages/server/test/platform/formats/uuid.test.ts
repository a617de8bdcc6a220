/** UUID spellings: which each family takes, and the one form they are stored in. */
import { describe, expect, it } from 'vitest';
import { isUuid, parseUuid } from '../../../src/platform/formats/uuid.js';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const HEX = ID.replaceAll('-', '');

describe('isUuid', () => {
  it.each([ID, ID.toUpperCase(), '00000000-0000-0000-0000-000000000000'])('takes %s', (text) => expect(isUuid(text)).toBe(true));
  it.each([HEX, `${ID}0`, ID.slice(1), `{${ID}}`, ID.replace('0', 'g'), ` ${ID}`, '0f8fad5bd-9cb-469f-a165-70867728950e', ''])('refuses %j', (text) =>
    expect(isUuid(text)).toBe(false),
  );
});

describe('parseUuid', () => {
  it('answers the hyphenated form in lower case', () => {
    expect(parseUuid(ID.toUpperCase())).toBe(ID);
    expect(parseUuid(HEX)).toBeUndefined();
  });

  it('hex32 takes the 32 hex digits too, and nothing else', () => {
    expect(parseUuid(HEX.toUpperCase(), 'hex32')).toBe(ID);
    expect(parseUuid(ID, 'hex32')).toBe(ID);
    expect(parseUuid('0f8fad5bd9cb-469f-a165-70867728950e', 'hex32')).toBeUndefined();
    expect(parseUuid(`${HEX}0`, 'hex32')).toBeUndefined();
  });

  it('anyHyphens takes hyphens anywhere within 32 to 36 characters', () => {
    expect(parseUuid(HEX, 'anyHyphens')).toBe(ID);
    expect(parseUuid('0f8fad5bd9cb-469f-a165-70867728950E', 'anyHyphens')).toBe(ID);
    expect(parseUuid(`----${HEX}`, 'anyHyphens')).toBe(ID);
    expect(parseUuid(`-----${HEX}`, 'anyHyphens')).toBeUndefined();
    expect(parseUuid(HEX.slice(1), 'anyHyphens')).toBeUndefined();
    expect(parseUuid(`${HEX.slice(1)}-`, 'anyHyphens')).toBeUndefined();
    expect(parseUuid(`${HEX.slice(1)}g`, 'anyHyphens')).toBeUndefined();
  });
});
