import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { astFromValue, buildASTSchema, isInputObjectType, parse, print, type GraphQLInputType } from 'graphql';
import { MongoClient, type Db, type Document } from 'mongodb';
import { serializeBundle, generateCorpus } from '../../seed/generator/corpus';
import { readTypeDefs } from '../../src/graphql/type-defs';
import { listBundleFiles, loadBundles } from '../../src/ingest/load-bundles';
import { formatProblem } from '../../src/ingest/problem';
import { COLLECTION_NAMES, TEXT_INDEX_FIELDS, type CollectionName } from '../../src/store/collections';
import { findByFieldIn } from '../../src/store/find-by-ids';
import { indexServes, INDEX_PLAN, orderedIndexServes, plannedIndexes, SERVED_SHAPES, TEXT_INDEX_NAME, type ServedShape } from '../../src/store/index-plan';
import { MongoStore } from '../../src/store/mongo';
import { LISTS, NESTED_CONNECTIONS, SEARCHED, type ListFacts } from '../../src/store/query-shapes';
import { temporaryDirectory } from './bundles';
import { SEED_DIRECTORY, startGateway, type RunningGateway } from './gateway';

/** Page size the shapes are read with, and how deep a keyset page starts. */
const PAGE = 5;
const DEEP = 60;
/** "About as many keys as the page": the page and the one extra read, twice over, plus the ends of a few index scans. */
const KEY_BOUND = 2 * (PAGE + 1) + 4;
/** A range that holds every dated document: only undated ones fall outside. */
const WHOLE_RANGE = { from: '1900-01-01T00:00:00.000Z', to: '2200-01-01T00:00:00.000Z' };

const schema = buildASTSchema(parse(readTypeDefs().join('\n')));

/** What explain() said of one command the gateway sent. */
interface Explained {
  collection: string;
  command: string;
  /** Whether an aggregate's pipeline (or a sub-pipeline) stops at a `$limit`: a page, not a count. */
  limited: boolean;
  stages: string[];
  indexes: string[];
  keysExamined: number;
  docsExamined: number;
  returned: number;
}

/** Every plan stage and index of an explain output, wherever winning plans sit in it (find, aggregate stages, $unionWith). */
function planParts(explain: unknown): { stages: string[]; indexes: string[] } {
  const stages: string[] = [];
  const indexes: string[] = [];
  const visitPlan = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visitPlan);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.stage === 'string') {
      stages.push(record.stage);
      if (typeof record.indexName === 'string') indexes.push(record.indexName);
      else if (record.stage === 'IDHACK' || record.stage.startsWith('EXPRESS')) indexes.push('_id_');
    }
    Object.values(record).forEach(visitPlan);
  };
  const findPlans = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(findPlans);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'winningPlan') visitPlan(value);
      else if (key !== 'rejectedPlans') findPlans(value);
    }
  };
  findPlans(explain);
  return { stages, indexes: [...new Set(indexes)] };
}

/** Keys and documents examined and documents returned, summed over the explain's execution stats. */
function executionTotals(explain: unknown): { keysExamined: number; docsExamined: number; returned: number } {
  const totals = { keysExamined: 0, docsExamined: 0, returned: 0 };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'executionStats' && value && typeof value === 'object' && 'totalKeysExamined' in value) {
        const stats = value as { totalKeysExamined: number; totalDocsExamined: number; nReturned: number };
        totals.keysExamined += stats.totalKeysExamined;
        totals.docsExamined += stats.totalDocsExamined;
        totals.returned += stats.nReturned;
      } else if (key !== 'allPlansExecution') visit(value);
    }
  };
  visit(explain);
  return totals;
}

/** The command as the gateway sent it, without the session and routing fields explain refuses. */
function explainable(command: Document): Document | undefined {
  const keep = (names: readonly string[]) => Object.fromEntries(Object.entries(command).filter(([name]) => names.includes(name)));
  if ('find' in command) return keep(['find', 'filter', 'sort', 'projection', 'limit', 'skip', 'hint', 'collation']);
  if ('aggregate' in command) return { ...keep(['aggregate', 'pipeline', 'allowDiskUse', 'hint', 'collation']), cursor: {} };
  if ('count' in command) return keep(['count', 'query', 'limit', 'skip', 'hint']);
  return undefined;
}

/** A GraphQL literal of `value` for an argument of type `type`. */
function literal(value: unknown, type: GraphQLInputType): string {
  const ast = astFromValue(value, type);
  if (!ast) throw new Error(`Cannot write ${JSON.stringify(value)} as ${String(type)}`);
  return print(ast);
}

function inputType(name: string): GraphQLInputType {
  const type = schema.getType(name);
  if (!isInputObjectType(type)) throw new Error(`${name} is not an input type`);
  return type;
}

/** The root field that reads one document of a collection by id (`statements` -> `statement`). */
const SINGULAR: Record<CollectionName, string> = { articles: 'article', statements: 'statement', actors: 'actor', reports: 'report' };
/** The collection of an object type's documents. */
const COLLECTION_OF_TYPE: Record<string, CollectionName> = { Article: 'articles', Statement: 'statements', Actor: 'actors', Report: 'reports' };

/**
 * On MongoDB: loads the seed and a generated corpus, turns the profiler on, sends each query
 * shape's GraphQL request through the real gateway, reads back every command the gateway sent
 * (from `system.profile`), runs explain('executionStats') on each, and checks it against the
 * plan: no collection scan, no in-memory sort for a page, keyset pages reading about as many
 * keys as they return. Writes what it saw to test-results/query-shapes-on-mongodb.md.
 */
export function describeIndexUseOnMongo(): void {
  describe('on MongoDB, the query of every shape is served by its index (explain)', () => {
    const uri = process.env.MONGODB_URI as string;
    const databaseName = `attribution_explain_${randomUUID().slice(0, 8)}`;
    const seen: string[] = [];
    let store: MongoStore;
    let gateway: RunningGateway;
    let client: MongoClient;
    let db: Db;

    beforeAll(async () => {
      store = await MongoStore.connect({ uri, databaseName, queryTimeoutMs: 20_000 });
      const corpus = temporaryDirectory('explain-corpus-');
      try {
        for (const { file, bundle } of generateCorpus({ articles: 150, seed: 3 })) fs.writeFileSync(path.join(corpus.directory, file), serializeBundle(bundle));
        const result = await loadBundles(store, await listBundleFiles([SEED_DIRECTORY, corpus.directory]));
        if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
      } finally {
        corpus.remove();
      }
      client = await MongoClient.connect(uri);
      db = client.db(databaseName);
      gateway = await startGateway(store);
    }, 180_000);

    afterAll(async () => {
      await gateway?.close();
      if (db) {
        await db.command({ profile: 0 });
        await db.dropDatabase();
      }
      await client?.close();
      await store?.close();
      const report = path.join(__dirname, '..', '..', 'test-results', 'query-shapes-on-mongodb.md');
      fs.mkdirSync(path.dirname(report), { recursive: true });
      fs.writeFileSync(report, ['| shape | request | command | plan | indexes | keys | docs | returned |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...seen, ''].join('\n'));
    }, 60_000);

    /** Starts recording every command anew (the profiler is off while system.profile is replaced). */
    async function startProfiling(): Promise<void> {
      await db.command({ profile: 0 });
      await db.collection('system.profile').drop().catch(() => undefined);
      await db.createCollection('system.profile', { capped: true, size: 16 * 1024 * 1024 });
      await db.command({ profile: 2 });
    }

    /** Stops recording; the commands sent to the collections since `startProfiling`. */
    async function stopProfiling(): Promise<Document[]> {
      await db.command({ profile: 0 });
      const entries = await db.collection('system.profile').find({}).sort({ $natural: 1 }).toArray();
      return entries.filter((entry) => (COLLECTION_NAMES as readonly string[]).includes(String(entry.ns ?? '').slice(databaseName.length + 1)) && entry.command);
    }

    /** Runs explain('executionStats') on each recorded command, as it was sent. */
    async function explainAll(entries: readonly Document[]): Promise<Explained[]> {
      const explained: Explained[] = [];
      for (const entry of entries) {
        const command = explainable(entry.command as Document);
        if (!command) continue;
        const output = await db.command({ explain: command, verbosity: 'executionStats' });
        explained.push({ collection: String(entry.ns).slice(databaseName.length + 1), command: Object.keys(command)[0] as string, limited: JSON.stringify(command).includes('"$limit"'), ...planParts(output), ...executionTotals(output) });
      }
      return explained;
    }

    /** What the store commands of `action` did. */
    async function explainCommandsOf(action: () => Promise<unknown>): Promise<Explained[]> {
      await startProfiling();
      await action();
      return explainAll(await stopProfiling());
    }

    /** Sends a request, fails on any GraphQL error, and returns what its store commands did. */
    async function run(query: string): Promise<{ data: Record<string, unknown>; commands: Explained[] }> {
      let data: Record<string, unknown> = {};
      const commands = await explainCommandsOf(async () => {
        const response = await gateway.query(query);
        if (response.errors) throw new Error(`${query}\n${JSON.stringify(response.errors)}`);
        data = response.data as Record<string, unknown>;
      });
      return { data, commands };
    }

    function record(shape: ServedShape, request: string, commands: readonly Explained[]): void {
      for (const command of commands) {
        seen.push(`| ${shape.name} | ${request} | ${command.collection}.${command.command} | ${command.stages.join(' < ')} | ${command.indexes.join(', ')} | ${command.keysExamined} | ${command.docsExamined} | ${command.returned} |`);
      }
    }

    /** The value of `field` most documents hold (each item of an array counted), or undefined when none holds one. */
    async function mostFrequent(collection: CollectionName, field: string): Promise<unknown> {
      const [top] = await db
        .collection(collection)
        .aggregate([{ $match: { [field]: { $ne: null } } }, { $unwind: `$${field}` }, { $group: { _id: `$${field}`, count: { $sum: 1 } } }, { $sort: { count: -1, _id: 1 } }, { $limit: 1 }])
        .toArray();
      return top?._id;
    }

    async function anyId(collection: CollectionName, filter: Document = {}): Promise<string> {
      const document = await db.collection(collection).findOne(filter, { projection: { _id: 1 }, sort: { _id: 1 } });
      if (!document) throw new Error(`No ${collection} document matches ${JSON.stringify(filter)}`);
      return String(document._id);
    }

    const planned = (collection: string) => new Set(INDEX_PLAN.filter((index) => index.collection === collection).map((index) => index.name));
    const describeCommand = (shape: ServedShape, command: Explained) => `${shape.name} (${shape.use}): ${command.collection}.${command.command} ran ${command.stages.join(' < ')} on [${command.indexes.join(', ')}]`;

    /** What holds for every command: an index, one of the plan's, and no collection scan. */
    function expectIndexed(shape: ServedShape, commands: readonly Explained[], options: { countMayScan?: boolean } = {}): void {
      for (const command of commands) {
        const mayScan = options.countMayScan && command.command !== 'find';
        if (!mayScan && command.stages.includes('COLLSCAN')) throw new Error(`Collection scan: ${describeCommand(shape, command)}`);
        const unplanned = command.indexes.filter((index) => !planned(command.collection).has(index));
        if (unplanned.length > 0) throw new Error(`Index not in the plan: ${describeCommand(shape, command)}`);
      }
    }

    /** The find of a page: no in-memory sort, every index it reads serves the shape, about as many keys and documents read as returned. */
    function expectKeysetPage(shape: ServedShape, commands: readonly Explained[]): void {
      const pages = commands.filter((command) => command.collection === shape.collection && command.command === 'find');
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        if (page.stages.includes('SORT')) throw new Error(`In-memory sort: ${describeCommand(shape, page)}`);
        // A range after the sort keys is checked on index keys; an index giving the order without it reads as few documents.
        const serving = page.indexes.filter((name) => {
          const index = INDEX_PLAN.find((candidate) => candidate.collection === shape.collection && candidate.name === name);
          return index !== undefined && indexServes(index, { ...shape, range: [], residual: [] });
        });
        if (serving.length === 0) throw new Error(`No index serving the shape was read: ${describeCommand(shape, page)}`);
        if (shape.residual.length > 0) continue;
        if (page.keysExamined > KEY_BOUND || page.docsExamined > KEY_BOUND) {
          throw new Error(`Read ${page.keysExamined} keys and ${page.docsExamined} documents for ${page.returned}: ${describeCommand(shape, page)}`);
        }
      }
    }

    function listOf(shape: ServedShape): ListFacts {
      return LISTS.find((list) => list.collection === shape.collection) as ListFacts;
    }

    /** The filter argument of a page shape, with real values for its equality fields. */
    async function filterArgument(shape: ServedShape, list: ListFacts): Promise<string> {
      const filter: Record<string, unknown> = {};
      for (const field of shape.equality) {
        const name = Object.entries(list.filters).find(([, match]) => match.match === 'equality' && match.field === field)?.[0];
        if (!name) throw new Error(`No filter of ${list.rootField} matches ${field}`);
        filter[name] = await mostFrequent(shape.collection, field);
      }
      for (const field of shape.range) {
        const name = Object.entries(list.filters).find(([, match]) => match.match === 'range' && match.field === field)?.[0] as string;
        filter[name] = WHOLE_RANGE;
      }
      if (shape.residual.length > 0) {
        const name = Object.entries(list.filters).find(([, match]) => match.match === 'residual' && match.fields.join() === shape.residual.join())?.[0] as string;
        filter[name] = 'e';
      }
      return Object.keys(filter).length === 0 ? '' : `filter: ${literal(filter, inputType(list.filterInput))}, `;
    }

    const pageShapes = SERVED_SHAPES.filter((shape) => shape.kind === 'page');
    it.each(pageShapes.map((shape) => [shape.name, shape] as const))('root list %s', async (_name, shape) => {
      const list = listOf(shape);
      const filter = await filterArgument(shape, list);
      for (const direction of ['ASC', 'DESC']) {
        const args = `${filter}orderBy: { field: ${shape.ordering}, direction: ${direction} }`;
        const first = await run(`{ list: ${list.rootField}(${args}, first: ${PAGE}) { totalCount nodes { id } } }`);
        record(shape, `first ${PAGE}, ${direction}`, first.commands);
        expectIndexed(shape, first.commands, { countMayScan: shape.residual.length > 0 });
        expectKeysetPage(shape, first.commands);

        const lead = await run(`{ list: ${list.rootField}(${args}, first: ${DEEP}) { pageInfo { endCursor hasNextPage } } }`);
        const { endCursor, hasNextPage } = (lead.data.list as { pageInfo: { endCursor: string | null; hasNextPage: boolean } }).pageInfo;
        if (!hasNextPage || !endCursor) continue;
        const deep = await run(`{ list: ${list.rootField}(${args}, first: ${PAGE}, after: ${JSON.stringify(endCursor)}) { nodes { id } } }`);
        record(shape, `first ${PAGE} after ${DEEP}, ${direction}`, deep.commands);
        expectIndexed(shape, deep.commands);
        expectKeysetPage(shape, deep.commands);
      }
    });

    const nestedShapes = SERVED_SHAPES.filter((shape) => shape.kind === 'nested page');
    it.each(nestedShapes.map((shape) => [shape.name, shape] as const))('nested connection %s', async (_name, shape) => {
      const connection = NESTED_CONNECTIONS.find((candidate) => candidate.collection === shape.collection && candidate.parentField === shape.parentField);
      if (!connection) throw new Error(`No nested connection for ${shape.name}`);
      const parentCollection = COLLECTION_OF_TYPE[connection.type] as CollectionName;
      const parentId = String((await mostFrequent(shape.collection, connection.parentField)) ?? (await anyId(parentCollection)));
      const filter = shape.range.length > 0 ? `filter: ${literal({ [shape.range[0] as string]: WHOLE_RANGE }, inputType(listOf(shape).filterInput))}, ` : '';
      const { commands } = await run(
        `{ parent: ${SINGULAR[parentCollection]}(id: ${JSON.stringify(parentId)}) { list: ${connection.field}(${filter}orderBy: { field: ${shape.ordering}, direction: ASC }, first: ${PAGE}) { totalCount nodes { id } } } }`,
      );
      record(shape, `${connection.type}.${connection.field} of ${parentId}`, commands);
      expectIndexed(shape, commands);
      const reads = commands.filter((command) => command.collection === shape.collection && command.command === 'aggregate');
      const pages = reads.filter((command) => command.limited);
      expect(pages.length).toBeGreaterThan(0);
      for (const read of reads) {
        // Each parent's page and count read its own documents by the reference field.
        const byParent = read.indexes.some((name) => orderedIndexServes(name === '_id_' ? ['_id'] : (INDEX_PLAN.find((index) => index.collection === shape.collection && index.name === name)?.keys.map((key) => key.field) ?? []), { ...shape, sort: [], range: [] }));
        if (!byParent) throw new Error(`The parent's documents were not read by ${shape.parentField}: ${describeCommand(shape, read)}`);
      }
      // The page walks the index of the reference field and the ordering, and stops after the page:
      // the parent is the one with the most documents, which a read of them all would show wherever it has more than the bound.
      for (const page of pages) {
        if (page.stages.includes('SORT')) throw new Error(`In-memory sort: ${describeCommand(shape, page)}`);
        const serving = page.indexes.filter((name) => {
          const index = INDEX_PLAN.find((candidate) => candidate.collection === shape.collection && candidate.name === name);
          return index !== undefined && indexServes(index, { ...shape, range: [], residual: [] });
        });
        if (serving.length === 0) throw new Error(`No index serving the shape was read: ${describeCommand(shape, page)}`);
        if (shape.residual.length === 0 && (page.keysExamined > KEY_BOUND || page.docsExamined > KEY_BOUND)) {
          throw new Error(`Read ${page.keysExamined} keys and ${page.docsExamined} documents for ${page.returned}: ${describeCommand(shape, page)}`);
        }
      }
    });

    it('Article.statements reads an article\u2019s statements in order of appearance from the index', async () => {
      const shape = SERVED_SHAPES.find((candidate) => candidate.kind === 'list') as ServedShape;
      const articleId = String(await mostFrequent('statements', 'articleId'));
      const { commands } = await run(`{ article(id: ${JSON.stringify(articleId)}) { statements { id } } }`);
      record(shape, `Article.statements of ${articleId}`, commands);
      expectIndexed(shape, commands);
      const reads = commands.filter((command) => command.collection === 'statements' && command.command === 'find');
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) if (read.stages.includes('SORT')) throw new Error(`In-memory sort: ${describeCommand(shape, read)}`);
    });

    it('lookups by id, by publisher and by speaker, and the loader\u2019s lookup of answers, read an index', async () => {
      const lookups = SERVED_SHAPES.filter((shape) => shape.kind === 'lookup');
      for (const shape of lookups) {
        let commands: Explained[];
        if (shape.equality[0] === '_id') {
          commands = (await run(`{ node: ${SINGULAR[shape.collection]}(id: ${JSON.stringify(await anyId(shape.collection))}) { id } }`)).commands;
        } else if (shape.collection === 'reports') {
          commands = (await run(`{ statements(filter: { viaPublisherId: ${JSON.stringify(String(await mostFrequent('reports', 'publisherId')))} }, first: ${PAGE}) { nodes { id } } }`)).commands;
        } else if (shape.equality[0] === 'speakerIds') {
          commands = (await run(`{ actor(id: ${JSON.stringify(String(await mostFrequent('statements', 'speakerIds')))}) { stats { statementCount } } }`)).commands;
        } else {
          const field = shape.equality[0] as string;
          const value = String(await mostFrequent('statements', field));
          commands = await explainCommandsOf(() => findByFieldIn(store, 'statements', field, [value], [field]));
        }
        record(shape, shape.use, commands);
        expectIndexed(shape, commands);
        const own = commands.filter((command) => command.collection === shape.collection);
        expect(own.length).toBeGreaterThan(0);
        for (const command of own) {
          const serving = command.indexes.some((name) => {
            const index = INDEX_PLAN.find((candidate) => candidate.collection === shape.collection && candidate.name === name);
            return index !== undefined && indexServes(index, shape);
          });
          if (!serving) throw new Error(`No index serving the lookup was read: ${describeCommand(shape, command)}`);
        }
      }
    });

    it('relay and affiliation chains start from the id index ($graphLookup follows _id)', async () => {
      for (const shape of SERVED_SHAPES.filter((candidate) => candidate.kind === 'chain')) {
        const rootId = await anyId(shape.collection, { [shape.parentField as string]: { $nin: [null, []] } });
        const field = shape.collection === 'reports' ? 'relayChain { depth }' : 'affiliationChain { id }';
        const { commands } = await run(`{ node: ${SINGULAR[shape.collection]}(id: ${JSON.stringify(rootId)}) { ${field} } }`);
        record(shape, shape.use, commands);
        expectIndexed(shape, commands);
        const chains = commands.filter((command) => command.collection === shape.collection && command.command === 'aggregate');
        expect(chains.length).toBeGreaterThan(0);
        for (const chain of chains) expect(chain.indexes).toContain('_id_');
      }
    });

    it('search reads each collection\u2019s text index (its sort by score is the documented blocking stage)', async () => {
      for (const shape of SERVED_SHAPES.filter((candidate) => candidate.kind === 'search')) {
        const type = Object.entries(SEARCHED).find(([, collection]) => collection === shape.collection)?.[0] as string;
        const { commands } = await run(`{ search(query: "troops", types: [${type}], first: ${PAGE}) { totalCount edges { score } } }`);
        record(shape, shape.use, commands);
        expectIndexed(shape, commands);
        const own = commands.filter((command) => command.collection === shape.collection);
        expect(own.length).toBeGreaterThan(0);
        for (const command of own) expect(command.indexes).toContain(TEXT_INDEX_NAME);
      }
    });

    it('creates exactly the planned indexes, drops those it made before, keeps an operator\u2019s own, rebuilds a changed text index and drops an unused one', async () => {
      const name = `attribution_indexes_${randomUUID().slice(0, 8)}`;
      const raw = await MongoClient.connect(uri);
      try {
        const statements = raw.db(name).collection('statements');
        await statements.createIndex({ articleId: 1 }, { name: 'articleId_1' });
        await statements.createIndex({ articleId: 1, position: 1 }, { name: 'articleId_1_position_1' });
        await statements.createIndex({ stance: 1, _id: 1 }, { name: 'ix_stance__id' });
        await statements.createIndex({ venue: 1 }, { name: 'venue_1' });
        await statements.createIndex({ claim: 'text' }, { name: 'text', weights: { claim: 5 }, default_language: 'english', language_override: 'textIndexLanguage' });
        await raw.db(name).collection('reports').createIndex({ title: 'text', summary: 'text' }, { name: 'text', weights: { title: 5, summary: 1 } });
        for (let start = 1; start <= 2; start += 1) {
          const indexed = await MongoStore.connect({ uri, databaseName: name, queryTimeoutMs: 20_000 });
          await indexed.close();
          for (const collection of COLLECTION_NAMES) {
            const names = (await raw.db(name).collection(collection).listIndexes().toArray()).map((index) => String(index.name)).sort();
            const expected = [...plannedIndexes(collection).map((index) => index.name), ...(collection === 'statements' ? ['venue_1'] : [])].sort();
            expect(names).toEqual(expected);
          }
          const text = (await statements.listIndexes().toArray()).find((index) => index.name === TEXT_INDEX_NAME);
          expect(text?.weights).toEqual(TEXT_INDEX_FIELDS.statements);
        }
      } finally {
        await raw.db(name).dropDatabase();
        await raw.close();
      }
    });

    it('mostCitedSources, the documented whole-corpus aggregate, runs with allowDiskUse', async () => {
      const shape = SERVED_SHAPES.find((candidate) => candidate.kind === 'corpus') as ServedShape;
      await startProfiling();
      const response = await gateway.query(`{ mostCitedSources(first: 3) { total } }`);
      expect(response.errors).toBeUndefined();
      const entries = (await stopProfiling()).filter((entry) => entry.command.aggregate === 'statements' && entry.command.pipeline?.[0]?.$unwind === '$speakerIds');
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry.command.allowDiskUse).toBe(true);
      record(shape, shape.use, await explainAll(entries));
    });
  });
}
