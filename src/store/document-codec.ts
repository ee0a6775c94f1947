import v8 from 'node:v8';
import type { StoredDocument } from './store';

/**
 * How the embedded store keeps a document in SQLite: a compact binary form of JSON values and
 * Dates, with strings as UTF-8. It is written about twice as fast as v8 serialisation, read a
 * little faster, and is smaller: v8 keeps a string with a single character beyond Latin-1 (a
 * curly quote) as UTF-16, and article bodies have many.
 *
 * A document this form cannot hold exactly (undefined, a Map, a class instance, a lone
 * surrogate...) is written with v8 serialisation instead, as every document was before this
 * form existed. Decoding tells them apart by the first byte: v8's is always 0xFF.
 */

const FORMAT = 0x01;
const V8_FORMAT = 0xff;

const enum Tag {
  Null = 0,
  False = 1,
  True = 2,
  /** A non-negative integer below 2^31, as a varint. */
  SmallInteger = 3,
  /** Any other number, as a float64. */
  Number = 4,
  String = 5,
  Array = 6,
  Object = 7,
  /** Milliseconds since the epoch, as a float64. */
  Date = 8,
}

/**
 * A string starts with one byte: below 0x80, the length of an ASCII string that follows;
 * 0x80, a UTF-8 string whose byte length follows as a uint32.
 */
const LONG_STRING = 0x80;
/** Shorter ASCII strings are copied byte by byte: cheaper than a call into the UTF-8 encoder. */
const COPIED_STRING_LENGTH = 48;

const INITIAL_BUFFER = 1024 * 1024;
const MAX_KEPT_BUFFER = 32 * 1024 * 1024;

/** Raised inside the encoder for a value it cannot hold; the document is then written with v8. */
class UnsupportedValue extends Error {}

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * Writes documents one after another into one growing buffer, kept between batches: growing a
 * fresh buffer for every batch allocates more memory outside the heap than the encoding itself
 * takes time, and that pressure makes the garbage collector run far more often.
 */
class DocumentWriter {
  private bytes = Buffer.allocUnsafe(INITIAL_BUFFER);
  private offset = 0;
  private readonly float = new Float64Array(1);
  private readonly floatBytes = new Uint8Array(this.float.buffer);

  get length(): number {
    return this.offset;
  }

  /** Starts a new batch, reusing the buffer. */
  reset(): void {
    this.offset = 0;
  }

  /** The bytes written, as a fresh ArrayBuffer (so it can move to another thread). */
  take(): ArrayBuffer {
    const bytes = new Uint8Array(this.offset);
    bytes.set(this.bytes.subarray(0, this.offset));
    // One huge batch should not pin its buffer for the life of the process.
    if (this.bytes.length > MAX_KEPT_BUFFER) this.bytes = Buffer.allocUnsafe(INITIAL_BUFFER);
    return bytes.buffer;
  }

  document(document: object): void {
    const start = this.offset;
    try {
      this.reserve(1);
      this.bytes[this.offset++] = FORMAT;
      this.value(document);
    } catch (error) {
      if (!(error instanceof UnsupportedValue)) throw error;
      this.offset = start;
      const serialized = v8.serialize(document);
      this.reserve(serialized.length);
      this.bytes.set(serialized, this.offset);
      this.offset += serialized.length;
    }
  }

  private reserve(size: number): void {
    if (this.offset + size <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.offset + size));
    grown.set(this.bytes.subarray(0, this.offset));
    this.bytes = grown;
  }

  private tag(tag: Tag): void {
    this.reserve(1);
    this.bytes[this.offset++] = tag;
  }

  private varint(value: number): void {
    this.reserve(5);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.offset++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.offset++] = rest;
  }

  private float64(value: number): void {
    this.reserve(8);
    this.float[0] = value;
    this.bytes.set(this.floatBytes, this.offset);
    this.offset += 8;
  }

  private string(value: string): void {
    const length = value.length;
    if (length < COPIED_STRING_LENGTH) {
      this.reserve(length + 1);
      const bytes = this.bytes;
      const start = this.offset + 1;
      let index = 0;
      while (index < length) {
        const code = value.charCodeAt(index);
        if (code >= 0x80) break;
        bytes[start + index] = code;
        index += 1;
      }
      if (index === length) {
        bytes[this.offset] = length;
        this.offset = start + length;
        return;
      }
    }
    // UTF-8 cannot hold a lone surrogate; v8 serialisation keeps it.
    if (!value.isWellFormed()) throw new UnsupportedValue();
    this.reserve(length * 3 + 5);
    const written = this.bytes.write(value, this.offset + 5, 'utf8');
    this.bytes[this.offset] = LONG_STRING;
    this.bytes.writeUInt32LE(written, this.offset + 1);
    this.offset += 5 + written;
  }

  private value(value: unknown): void {
    switch (typeof value) {
      case 'string':
        this.tag(Tag.String);
        this.string(value);
        return;
      case 'number':
        if ((value | 0) === value && value >= 0 && !Object.is(value, -0)) {
          this.tag(Tag.SmallInteger);
          this.varint(value);
        } else {
          this.tag(Tag.Number);
          this.float64(value);
        }
        return;
      case 'boolean':
        this.tag(value ? Tag.True : Tag.False);
        return;
      case 'object':
        if (value === null) this.tag(Tag.Null);
        else if (Array.isArray(value)) this.array(value);
        else if (value instanceof Date) {
          this.tag(Tag.Date);
          this.float64(value.getTime());
        } else if (isPlainObject(value)) this.object(value as Record<string, unknown>);
        else throw new UnsupportedValue();
        return;
      default:
        throw new UnsupportedValue();
    }
  }

  private array(items: readonly unknown[]): void {
    this.tag(Tag.Array);
    this.varint(items.length);
    for (let index = 0; index < items.length; index += 1) {
      // A hole reads as undefined, which is refused: v8 serialisation keeps holes.
      this.value(items[index]);
    }
  }

  private object(fields: Record<string, unknown>): void {
    const keys = Object.keys(fields);
    this.tag(Tag.Object);
    this.varint(keys.length);
    for (const key of keys) {
      this.string(key);
      this.value(fields[key]);
    }
  }
}

/** Encodes documents into one buffer; `ends[i]` is where document i ends. */
const writer = new DocumentWriter();

export function encodeDocuments(documents: readonly object[]): { bytes: ArrayBuffer; ends: number[] } {
  writer.reset();
  const ends: number[] = [];
  for (const document of documents) {
    writer.document(document);
    ends.push(writer.length);
  }
  return { bytes: writer.take(), ends };
}

/**
 * Decoding state is module-level, not an object per document: the store decodes hundreds of
 * thousands of documents at start, and a reader object each costs more than the reading.
 */
const NOTHING = Buffer.alloc(0);
let input: Buffer = NOTHING;
let at = 0;
const float = new Float64Array(1);
const floatBytes = new Uint8Array(float.buffer);

/**
 * Field names repeat in every document; a name read from bytes is looked up here by a hash of
 * those bytes, so each document reuses the same (internalised) strings instead of making new ones.
 */
const fieldNames = new Map<number, string>();
const MAX_CACHED_NAME = 32;
/** Documents used as maps (ids as keys) must not grow the cache without end. */
const MAX_CACHED_NAMES = 4096;

function readVarint(): number {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = input[at++] as number;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value >>> 0;
}

function readFloat64(): number {
  for (let index = 0; index < 8; index += 1) floatBytes[index] = input[at + index] as number;
  at += 8;
  return float[0] as number;
}

function readString(): string {
  const head = input[at] as number;
  if (head < LONG_STRING) {
    const start = at + 1;
    at = start + head;
    return input.toString('latin1', start, at);
  }
  const length = input.readUInt32LE(at + 1);
  const start = at + 5;
  at = start + length;
  return input.toString('utf8', start, at);
}

function readFieldName(): string {
  const length = input[at] as number;
  if (length >= MAX_CACHED_NAME) return readString();
  const start = at + 1;
  let hash = length;
  for (let index = 0; index < length; index += 1) hash = (Math.imul(hash, 31) + (input[start + index] as number)) | 0;
  const cached = fieldNames.get(hash);
  if (cached !== undefined && cached.length === length) {
    let same = true;
    for (let index = 0; index < length; index += 1) {
      if (cached.charCodeAt(index) !== input[start + index]) {
        same = false;
        break;
      }
    }
    if (same) {
      at = start + length;
      return cached;
    }
  }
  const name = readString();
  if (fieldNames.size >= MAX_CACHED_NAMES) fieldNames.clear();
  fieldNames.set(hash, name);
  return name;
}

function setField(fields: Record<string, unknown>, name: string, value: unknown): void {
  // Assigning `__proto__` would set the prototype instead of making a field.
  if (name === '__proto__') Object.defineProperty(fields, name, { value, enumerable: true, writable: true, configurable: true });
  else fields[name] = value;
}

function readValue(): unknown {
  const tag = input[at++] as Tag;
  switch (tag) {
    case Tag.Null:
      return null;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.SmallInteger:
      return readVarint();
    case Tag.Number:
      return readFloat64();
    case Tag.String:
      return readString();
    case Tag.Date:
      return new Date(readFloat64());
    case Tag.Array: {
      const length = readVarint();
      const items: unknown[] = [];
      for (let index = 0; index < length; index += 1) items.push(readValue());
      return items;
    }
    case Tag.Object: {
      const count = readVarint();
      const fields: Record<string, unknown> = {};
      for (let index = 0; index < count; index += 1) {
        const name = readFieldName();
        setField(fields, name, readValue());
      }
      return fields;
    }
    default:
      throw new Error(`Unreadable stored document: unknown value tag ${String(tag)} at byte ${at - 1}`);
  }
}

/** Moves past one value without making it. */
function skipValue(): void {
  const tag = input[at++] as Tag;
  switch (tag) {
    case Tag.Null:
    case Tag.False:
    case Tag.True:
      return;
    case Tag.SmallInteger:
      readVarint();
      return;
    case Tag.Number:
    case Tag.Date:
      at += 8;
      return;
    case Tag.String:
      skipString();
      return;
    case Tag.Array:
      for (let count = readVarint(); count > 0; count -= 1) skipValue();
      return;
    case Tag.Object:
      for (let count = readVarint(); count > 0; count -= 1) {
        skipString();
        skipValue();
      }
      return;
    default:
      throw new Error(`Unreadable stored document: unknown value tag ${String(tag)} at byte ${at - 1}`);
  }
}

function skipString(): void {
  const head = input[at] as number;
  at += head < LONG_STRING ? 1 + head : 5 + input.readUInt32LE(at + 1);
}

/** Points the decoder at `bytes`; the caller resets it when done. */
function startReading(bytes: Uint8Array): void {
  input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  at = 1;
}

/**
 * `_id` and the named top-level fields of a stored document (those it has), as a MongoDB
 * projection gives them. The other fields are skipped, not decoded: validating a re-load reads
 * back one field of every statement it defines.
 */
export function decodeFields<T extends StoredDocument = StoredDocument>(bytes: Uint8Array, fields: ReadonlySet<string>): T {
  const wanted = (name: string) => name === '_id' || fields.has(name);
  const projected: Record<string, unknown> = {};
  if (bytes[0] !== FORMAT || bytes[1] !== Tag.Object) {
    const document = decodeDocument(bytes) as unknown as Record<string, unknown>;
    for (const name of Object.keys(document)) if (wanted(name)) setField(projected, name, document[name]);
    return projected as T;
  }
  startReading(bytes);
  try {
    at += 1;
    for (let count = readVarint(); count > 0; count -= 1) {
      const name = readFieldName();
      if (wanted(name)) setField(projected, name, readValue());
      else skipValue();
    }
    return projected as T;
  } finally {
    input = NOTHING;
  }
}

/** Decodes one stored document, in this form or (written by older versions) v8's. */
export function decodeDocument<T extends StoredDocument = StoredDocument>(bytes: Uint8Array): T {
  const format = bytes[0];
  if (format === V8_FORMAT) return v8.deserialize(bytes) as T;
  if (format !== FORMAT) throw new Error(`Unreadable stored document: unknown format ${String(format)}`);
  startReading(bytes);
  try {
    return readValue() as T;
  } finally {
    input = NOTHING;
  }
}
