import v8 from 'node:v8';
import { decodeDocument, decodeFields, encodeDocuments } from '../src/store/document-codec';
import type { StoredDocument } from '../src/store/store';

const FORMAT_BYTE = 0x01;
const V8_FIRST_BYTE = 0xff;

function roundTrip(document: StoredDocument): { bytes: Uint8Array; decoded: StoredDocument } {
  const bytes = new Uint8Array(encodeDocuments([document]).bytes);
  return { bytes, decoded: decodeDocument(bytes) };
}

describe('the stored-document codec', () => {
  it('round-trips the shapes the collections hold, Dates and nulls included', () => {
    const statement = {
      _id: 'statement/a-1',
      articleId: 'article/a',
      position: 120,
      claim: 'The minister said talks would resume “within days” — no date was set.',
      quote: null,
      quoteKind: 'INDIRECT',
      speakerIds: ['actor/minister', 'actor/spokesperson'],
      stance: 'ASSERTS',
      madeAt: new Date('2024-10-21T18:00:00.000Z'),
      evidence: [{ start: 120, end: 180, text: 'talks would resume “within days”' }],
      named: true,
      hidden: false,
      empty: {},
      none: [],
    };
    const { bytes, decoded } = roundTrip(statement);
    expect(bytes[0]).toBe(FORMAT_BYTE);
    expect(decoded).toStrictEqual(statement);
    expect((decoded as typeof statement).madeAt).toBeInstanceOf(Date);
    expect(Object.keys(decoded)).toEqual(Object.keys(statement));
  });

  it('keeps every kind of string and number exactly', () => {
    const document = {
      _id: 'x',
      ascii: 'a'.repeat(47),
      longAscii: 'b'.repeat(5000),
      latin1: 'Zürich',
      curly: '“quoted”',
      emoji: '🚨 breaking',
      cjk: '서울',
      empty: '',
      control: 'line\nbreak\u0000nul',
      numbers: [0, 1, 127, 128, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -1, -(2 ** 31), 1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.MIN_VALUE],
    };
    const { bytes, decoded } = roundTrip(document);
    expect(bytes[0]).toBe(FORMAT_BYTE);
    expect(decoded).toStrictEqual(document);
    expect(Object.is((decoded as typeof document).numbers[10], -0)).toBe(true);
  });

  it('makes a field named __proto__ a field, not a prototype', () => {
    const document = JSON.parse('{"_id":"x","__proto__":{"polluted":true}}') as StoredDocument;
    const { decoded } = roundTrip(document);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(['_id', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes what it cannot hold exactly with v8 serialisation, and reads it back', () => {
    const unusual: Array<StoredDocument & { value: unknown }> = [
      { _id: 'undefined', value: undefined },
      { _id: 'map', value: new Map([['a', 1]]) },
      { _id: 'lone-surrogate', value: 'broken \ud800 pair' },
      // eslint-disable-next-line no-sparse-arrays -- a hole is what this case is about
      { _id: 'sparse', value: [1, , 3] },
      { _id: 'regexp', value: /a+/g },
    ];
    const { bytes, ends } = encodeDocuments(unusual);
    const all = new Uint8Array(bytes);
    let start = 0;
    unusual.forEach((document, index) => {
      const row = all.subarray(start, ends[index]);
      start = ends[index] as number;
      expect(row[0]).toBe(V8_FIRST_BYTE);
      expect(decodeDocument(row)).toStrictEqual(document);
    });
  });

  it('encodes a batch as consecutive documents, ends marking each', () => {
    const documents = Array.from({ length: 300 }, (_, index) => ({ _id: `actor/a-${index}`, name: `Name “${index}”`, aliases: Array.from({ length: index % 4 }, (__, alias) => `alias ${alias}`) }));
    const { bytes, ends } = encodeDocuments(documents);
    expect(ends).toHaveLength(documents.length);
    expect(ends[ends.length - 1]).toBe(bytes.byteLength);
    const all = new Uint8Array(bytes);
    const decoded = ends.map((end, index) => decodeDocument(all.subarray(index === 0 ? 0 : ends[index - 1], end)));
    expect(decoded).toStrictEqual(documents);
  });

  it('reads documents stored by v8 serialisation (data directories written before this form)', () => {
    const document = { _id: 'article/old', title: 'Old “layout”', publishedAt: new Date('2020-01-01T00:00:00Z'), credits: [] };
    expect(decodeDocument(v8.serialize(document))).toStrictEqual(document);
  });

  it('decodes only `_id` and the named fields when asked, skipping every other kind of value', () => {
    const document = {
      before: { nested: [1, 2.5, 'x'.repeat(300), new Date(0), null, true, false, { deep: '“deep”' }], empty: {} },
      _id: 'statement/s',
      long: 'y'.repeat(1000),
      curly: '“x”',
      numbers: [0, 300, 2 ** 40, -3],
      articleId: 'article/a',
      madeAt: new Date('2024-10-21T00:00:00Z'),
      after: 'z',
    };
    const bytes = new Uint8Array(encodeDocuments([document]).bytes);
    expect(decodeFields(bytes, new Set(['articleId']))).toStrictEqual({ _id: 'statement/s', articleId: 'article/a' });
    expect(decodeFields(bytes, new Set(['madeAt', 'after', 'missing']))).toStrictEqual({ _id: 'statement/s', madeAt: document.madeAt, after: 'z' });
    expect(decodeFields(bytes, new Set())).toStrictEqual({ _id: 'statement/s' });
    // Rows in v8's form are projected the same way.
    expect(decodeFields(v8.serialize(document), new Set(['articleId', 'missing']))).toStrictEqual({ _id: 'statement/s', articleId: 'article/a' });
  });

  it('refuses bytes in no known format, saying so', () => {
    expect(() => decodeDocument(Uint8Array.of(0x42, 0x00))).toThrow('Unreadable stored document: unknown format 66');
    expect(() => decodeDocument(Uint8Array.of(FORMAT_BYTE, 0x63))).toThrow('unknown value tag 99 at byte 1');
  });
});
