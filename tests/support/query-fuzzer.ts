import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** A deterministic random source (mulberry32), so a failing case can be replayed from its seed. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return { next, below, pick: (items) => items[below(items.length)] as (typeof items)[number], chance: (probability) => next() < probability };
}

/** One generated request: a body to POST (JSON or not), or a query string for GET. */
export type FuzzRequest = { method: 'POST'; contentType: string; body: string } | { method: 'GET'; search: string };

/** Ids that exist in the seed, ids that do not, and ids of the wrong form. */
const IDS = ['actor/robert-wood', 'actor/yonhap', 'article/afp-2024-10-22-north-korea-troops', 'statement/nk-troops-telegram-flags-photo', 'report/yonhap-telegram-photo', 'actor/none', 'report/x', 'Robert Wood', '', 'actor/', 'article/UPPER'];
const STRINGS = ['troops', 'denied', '"quoted phrase"', '-troops', 'é中文🙂', '\\', '"', '.*', '$where', '{"$gt": ""}', ' ', 'a'.repeat(300), 'x'.repeat(5000)];
const INTS = [0, 1, 2, 5, 20, 100, 101, -1, 2 ** 31 - 1, 32, 33];

function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** A literal for an input type: mostly valid, sometimes of the wrong type. */
function inputLiteral(type: GraphQLInputType, random: Random, depth: number): string {
  if (random.chance(0.02)) return random.pick(['null', '"wrong"', '42', 'true', '[1, 2]', '{ a: 1 }', 'NOT_AN_ENUM', '1.5']);
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const count = random.below(3);
    return `[${Array.from({ length: count }, () => inputLiteral(nullable.ofType as GraphQLInputType, random, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(nullable)) return random.pick(nullable.getValues()).name;
  if (isInputObjectType(nullable)) {
    if (depth > 2) return '{}';
    const fields = Object.values(nullable.getFields()).filter(() => random.chance(0.4));
    return `{ ${fields.map((field) => `${field.name}: ${inputLiteral(field.type, random, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'Int':
        return String(random.pick(INTS));
      case 'Float':
        return String(random.next() * 100);
      case 'Boolean':
        return random.chance(0.5) ? 'true' : 'false';
      case 'ID':
        return stringLiteral(random.pick(IDS));
      case 'DateTime':
        return stringLiteral(random.pick(['2024-10-21', '2024-10-22T10:00:00Z', 'yesterday', '2024-13-40', '']));
      default:
        return stringLiteral(random.pick([...STRINGS, ...IDS]));
    }
  }
  return 'null';
}

/** A JSON value for a variable: mostly plausible, sometimes wrong or oversized. */
function variableValue(random: Random): unknown {
  return random.pick<unknown>([random.pick(IDS), random.pick(STRINGS), random.pick(INTS), null, true, { nested: [1, 2] }, 'y'.repeat(20_000), [random.pick(IDS)]]);
}

interface Builder {
  random: Random;
  aliases: number;
  fragments: string[];
  variables: Map<string, { type: string; value: unknown }>;
}

function argumentText(argument: GraphQLArgument, builder: Builder): string {
  const { random } = builder;
  if (random.chance(0.15)) {
    const name = `v${builder.variables.size}`;
    // Declared with the argument's own type, or now and then a wrong one.
    const type = random.chance(0.95) ? String(argument.type) : random.pick(['Int', 'String', 'ID!', '[Int]', 'Boolean']);
    builder.variables.set(name, { type, value: variableValue(random) });
    return `${argument.name}: $${name}`;
  }
  return `${argument.name}: ${inputLiteral(argument.type, random, 0)}`;
}

function selection(type: GraphQLNamedType, builder: Builder, depth: number): string {
  const { random } = builder;
  if (isUnionType(type)) {
    const members = type.getTypes().filter(() => random.chance(0.6));
    return `__typename ${members.map((member) => `... on ${member.name} { ${selection(member, builder, depth + 1)} }`).join(' ')}`;
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return '__typename';
  const fields = Object.values(type.getFields());
  const count = 1 + random.below(depth > 3 ? 2 : 4);
  const parts: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const field = random.pick(fields);
    // Mostly distinct aliases; now and then a repeated one, which conflicts unless it names the same field.
    const alias = random.chance(0.2) ? `a${random.chance(0.2) ? 0 : builder.aliases++}: ` : '';
    const args = field.args.filter((argument) => argument.type.toString().endsWith('!') || random.chance(0.3));
    const argumentList = args.length > 0 ? `(${args.map((argument) => argumentText(argument, builder)).join(', ')})` : '';
    const named = getNamedType(field.type);
    const leaf = isScalarType(named) || isEnumType(named);
    if (leaf) {
      parts.push(`${alias}${field.name}${argumentList}`);
    } else if (depth >= 6) {
      parts.push('__typename');
    } else if (random.chance(0.1)) {
      const name = `F${builder.fragments.length}`;
      builder.fragments.push(`fragment ${name} on ${named.name} { ${selection(named, builder, depth + 1)} }`);
      parts.push(`${alias}${field.name}${argumentList} { ...${name} }`);
    } else {
      parts.push(`${alias}${field.name}${argumentList} { ${selection(named, builder, depth + 1)} }`);
    }
  }
  return parts.join(' ');
}

/** A query generated from the schema: random fields, arguments, aliases, fragments and variables. */
export function generateOperation(schema: GraphQLSchema, random: Random): { query: string; variables: Record<string, unknown> } {
  const builder: Builder = { random, aliases: 1, fragments: [], variables: new Map() };
  const body = selection(schema.getQueryType() as GraphQLNamedType, builder, 0);
  const declarations = [...builder.variables].map(([name, { type }]) => `$${name}: ${type}`);
  // Now and then an operation type the schema lacks.
  const keyword = random.chance(0.03) ? random.pick(['mutation', 'subscription']) : 'query';
  const header = declarations.length > 0 ? `${keyword} Fuzz(${declarations.join(', ')})` : `${keyword} Fuzz`;
  const variables = Object.fromEntries([...builder.variables].map(([name, { value }]) => [name, value]));
  return { query: [`${header} { ${body} }`, ...builder.fragments].join('\n'), variables };
}

function randomBytes(random: Random, length: number): string {
  return Buffer.from(Array.from({ length }, () => random.below(256))).toString('latin1');
}

/** Damages a text: cut short, a character dropped, or random bytes spliced in. */
function damage(text: string, random: Random): string {
  const at = random.below(text.length + 1);
  switch (random.below(3)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return text.slice(0, at) + randomBytes(random, 1 + random.below(8)) + text.slice(at);
  }
}

/** One request of a fuzzing run: mostly generated operations, some damaged, some plain noise. */
export function generateRequest(schema: GraphQLSchema, random: Random): FuzzRequest {
  const operation = generateOperation(schema, random);
  const roll = random.below(20);
  if (roll === 0) return { method: 'POST', contentType: 'application/json', body: randomBytes(random, random.below(200)) };
  if (roll === 1) return { method: 'POST', contentType: random.pick(['text/plain', 'application/graphql', 'application/json; charset=latin1']), body: operation.query };
  if (roll === 2) return { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: damage(operation.query, random), variables: operation.variables }) };
  if (roll === 3) return { method: 'POST', contentType: 'application/json', body: JSON.stringify(random.pick<unknown>([{ query: 42 }, { query: operation.query, variables: 'x' }, [operation], { variables: {} }, { query: operation.query, operationName: 'Nope' }, null])) };
  if (roll === 4) {
    const search = `?${new URLSearchParams({ query: operation.query, variables: JSON.stringify(operation.variables) }).toString()}`;
    // Node itself answers a request line over its header limit (16 KB) with a bare 431; keep GETs below it.
    if (search.length < 8 * 1024) return { method: 'GET', search };
  }
  return { method: 'POST', contentType: 'application/json', body: JSON.stringify(operation) };
}
