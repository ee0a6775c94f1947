import type { ActorDocument } from '../src/actor/actor.model';
import type { ArticleDocument } from '../src/article/article.model';
import type { ReportDocument } from '../src/report/report.model';
import { MAX_CHAIN_DEPTH } from '../src/export/load-article-graph';
import { createRepositories } from '../src/repository/repositories';
import type { StatementDocument } from '../src/statement/statement.model';
import { EmbeddedStore } from '../src/store/embedded/index';
import { RoundTripCounter, countRoundTrips } from '../src/store/round-trip-counter';
import { storeGeneratedArticle } from './support/generated-article';
import { SEED_ARTICLE_ID, loadSeed, startGateway, type RunningGateway } from './support/gateway';

type Attributes = Record<string, unknown>;
type JsonObject = Record<string, unknown>;

interface Fetched {
  status: number;
  contentType: string;
  body: JsonObject;
}

const BASE_IRI = 'urn:attribution-gateway:';
const TELEGRAM_STATEMENT = 'statement/nk-troops-telegram-flags-photo';
const YONHAP_REPORT = 'report/yonhap-north-korea-troops';
const TELEGRAM_POST = 'report/telegram-flags-photo-post';
const TELEGRAM_ACCOUNT = 'actor/pro-russia-telegram-account';

/** Record kinds a PROV-JSON document may hold (the submission's top-level properties). */
const PROV_JSON_SECTIONS = new Set([
  'prefix', 'entity', 'activity', 'agent', 'wasGeneratedBy', 'used', 'wasInformedBy', 'wasStartedBy', 'wasEndedBy',
  'wasInvalidatedBy', 'wasDerivedFrom', 'wasAttributedTo', 'wasAssociatedWith', 'actedOnBehalfOf', 'wasInfluencedBy',
  'specializationOf', 'alternateOf', 'hadMember', 'mentionOf', 'bundle',
]);

/** The sections this export writes; all of them are present even when empty. */
const USED_SECTIONS = ['prefix', 'entity', 'agent', 'wasGeneratedBy', 'wasAttributedTo', 'wasDerivedFrom', 'wasInfluencedBy', 'actedOnBehalfOf', 'hadMember'];

type ElementKind = 'entity' | 'agent' | 'activity' | 'element';

/**
 * The formal attributes of each relation in PROV-JSON (PROV-DM's arguments): which are required,
 * which optional, and what kind of element each names. `time` is an xsd:dateTime literal.
 */
const RELATIONS: Record<string, { required: Record<string, ElementKind>; optional: Record<string, ElementKind | 'time' | 'relation'> }> = {
  wasGeneratedBy: { required: { 'prov:entity': 'entity' }, optional: { 'prov:activity': 'activity', 'prov:time': 'time' } },
  wasAttributedTo: { required: { 'prov:entity': 'entity', 'prov:agent': 'agent' }, optional: {} },
  wasDerivedFrom: {
    required: { 'prov:generatedEntity': 'entity', 'prov:usedEntity': 'entity' },
    optional: { 'prov:activity': 'activity', 'prov:generation': 'relation', 'prov:usage': 'relation' },
  },
  wasInfluencedBy: { required: { 'prov:influencee': 'element', 'prov:influencer': 'element' }, optional: {} },
  actedOnBehalfOf: { required: { 'prov:delegate': 'agent', 'prov:responsible': 'agent' }, optional: { 'prov:activity': 'activity' } },
  hadMember: { required: { 'prov:collection': 'entity', 'prov:entity': 'entity' }, optional: {} },
};

/** PROV-DM's reserved attributes, allowed on any record besides its formal ones. */
const PROV_RESERVED_ATTRIBUTES = new Set(['prov:type', 'prov:label', 'prov:role', 'prov:value', 'prov:location']);

/** Prefixes PROV-N predefines; every other prefix a qualified name uses must be declared. */
const PREDEFINED_PREFIXES = new Set(['prov', 'xsd']);

/** An xsd:dateTime with a zone, as prov:time must be. */
const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The part of schema.org this export may use: each type with the properties allowed on it
 * (CreativeWork's and Organization's inherited by their subtypes), and the type family each
 * node-valued property must hold. Checked against https://schema.org (Quotation is in its "new" area).
 */
const CREATIVE_WORK_PROPERTIES = [
  'name', 'description', 'text', 'author', 'creator', 'publisher', 'datePublished', 'dateCreated', 'url',
  'inLanguage', 'isBasedOn', 'isPartOf', 'citation', 'genre', 'headline',
];
const ORGANIZATION_PROPERTIES = ['name', 'description', 'alternateName', 'parentOrganization', 'memberOf'];
const SCHEMA_ORG_TYPES: Record<string, readonly string[]> = {
  Claim: [...CREATIVE_WORK_PROPERTIES, 'appearance', 'firstAppearance'],
  NewsArticle: CREATIVE_WORK_PROPERTIES,
  CreativeWork: CREATIVE_WORK_PROPERTIES,
  SocialMediaPosting: CREATIVE_WORK_PROPERTIES,
  Quotation: [...CREATIVE_WORK_PROPERTIES, 'spokenByCharacter'],
  Person: ['name', 'description', 'alternateName', 'jobTitle', 'affiliation', 'memberOf'],
  Organization: ORGANIZATION_PROPERTIES,
  GovernmentOrganization: ORGANIZATION_PROPERTIES,
  NewsMediaOrganization: ORGANIZATION_PROPERTIES,
};
const AGENT_TYPES = new Set(['Person', 'Organization', 'GovernmentOrganization', 'NewsMediaOrganization']);
const ORGANIZATION_TYPES = new Set(['Organization', 'GovernmentOrganization', 'NewsMediaOrganization']);
const CREATIVE_WORK_TYPES = new Set(['Claim', 'NewsArticle', 'CreativeWork', 'SocialMediaPosting', 'Quotation']);
const PROPERTY_RANGES: Record<string, ReadonlySet<string>> = {
  author: AGENT_TYPES,
  creator: AGENT_TYPES,
  publisher: AGENT_TYPES,
  spokenByCharacter: AGENT_TYPES,
  affiliation: ORGANIZATION_TYPES,
  parentOrganization: ORGANIZATION_TYPES,
  memberOf: ORGANIZATION_TYPES,
  appearance: CREATIVE_WORK_TYPES,
  firstAppearance: CREATIVE_WORK_TYPES,
  isBasedOn: CREATIVE_WORK_TYPES,
  isPartOf: CREATIVE_WORK_TYPES,
  citation: CREATIVE_WORK_TYPES,
};
/** Properties whose values are text or dates, never nodes. */
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * One batched call per collection per level for a generated article: article + statements (2);
 * speakers and publisher + via reports (2); affiliations, via publishers and sources + relays (2);
 * second affiliations and relay publishers + relays of relays (2); origin publishers (1).
 */
const GENERATED_ARTICLE_ROUND_TRIPS = 9;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

describe('article exports follow W3C PROV-JSON and schema.org', () => {
  let store: EmbeddedStore;
  let gateway: RunningGateway;
  let origin: string;
  const roundTrips = new RoundTripCounter();
  let statements: StatementDocument[];
  let actors: Map<string, ActorDocument>;

  beforeAll(async () => {
    store = EmbeddedStore.temporary();
    await loadSeed(store);
    await storeGeneratedArticle(store, 'article/small', 10);
    await storeGeneratedArticle(store, 'article/large', 300);
    gateway = await startGateway(countRoundTrips(store, roundTrips));
    origin = new URL(gateway.url).origin;
    // The expectations read the stored documents directly, not through the code under test.
    const repositories = createRepositories(store);
    statements = await repositories.statements.byArticleIds([SEED_ARTICLE_ID]);
    const speakerIds = [...new Set(statements.flatMap((statement) => statement.speakerIds))];
    actors = new Map((await repositories.actors.byIds(speakerIds)).map((actor) => [actor._id, actor]));
  });

  afterAll(async () => {
    await gateway.close();
    await store.close();
  });

  const exportOf = async (encodedId: string, file: string, method = 'GET'): Promise<Fetched> => {
    const response = await fetch(`${origin}/export/articles/${encodedId}/${file}`, { method });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as JsonObject };
  };

  describe('PROV-JSON', () => {
    let prov: JsonObject;
    const section = (name: string): Array<[string, Attributes]> => {
      const records = prov[name];
      if (!isObject(records)) throw new Error(`No ${name} section`);
      return Object.entries(records).map(([id, attributes]) => {
        if (!isObject(attributes)) throw new Error(`${name} ${id} is not an object`);
        return [id, attributes];
      });
    };
    const relations = (name: string, from: string, to: string): Attributes[] => section(name).map(([, attributes]) => attributes).filter((attributes) => attributes[from] !== undefined && attributes[to] !== undefined);
    /** Report-level relations: those not qualified by a claim. */
    const related = (name: string, from: string, fromId: string, to: string): string[] =>
      relations(name, from, to)
        .filter((attributes) => attributes[from] === `ag:${fromId}` && attributes['agv:claim'] === undefined)
        .map((attributes) => String(attributes[to]));
    /** Relations qualified by one statement's claim: that statement's own path. */
    const relatedFor = (claimId: string, name: string, from: string, fromId: string, to: string): string[] =>
      relations(name, from, to)
        .filter((attributes) => attributes[from] === `ag:${fromId}` && isObject(attributes['agv:claim']) && attributes['agv:claim'].$ === `ag:${claimId}`)
        .map((attributes) => String(attributes[to]));
    const typeNames = (attributes: Attributes | undefined): string[] =>
      asList(attributes?.['prov:type']).map((value) => (isObject(value) ? String(value.$) : String(value)));

    beforeAll(async () => {
      const fetched = await exportOf(encodeURIComponent(SEED_ARTICLE_ID), 'prov.json');
      expect(fetched.status).toBe(200);
      expect(fetched.contentType).toMatch(/^application\/json/);
      prov = fetched.body;
    });

    it('has the PROV-JSON sections it uses, and no other top-level key', () => {
      for (const name of USED_SECTIONS) expect(isObject(prov[name])).toBe(true);
      for (const key of Object.keys(prov)) expect(PROV_JSON_SECTIONS.has(key)).toBe(true);
      expect(prov.prefix).toEqual(expect.objectContaining({ ag: BASE_IRI }));
    });

    it('gives every relation the keys PROV-JSON requires, each naming a declared element of the right kind', () => {
      const declared: Record<'entity' | 'agent' | 'activity', Set<string>> = {
        entity: new Set(section('entity').map(([id]) => id)),
        agent: new Set(section('agent').map(([id]) => id)),
        activity: new Set(),
      };
      const isDeclared = (kind: ElementKind, id: string): boolean =>
        kind === 'element' ? declared.entity.has(id) || declared.agent.has(id) || declared.activity.has(id) : declared[kind].has(id);
      let checked = 0;
      for (const [name, spec] of Object.entries(RELATIONS)) {
        for (const [id, attributes] of section(name)) {
          expect(id).toMatch(/^_:[a-z]+\d+$/);
          for (const [key, kind] of Object.entries(spec.required)) {
            const value = attributes[key];
            expect(typeof value).toBe('string');
            if (!isDeclared(kind, String(value))) throw new Error(`${name} ${id}: ${key} ${String(value)} is not a declared ${kind}`);
          }
          for (const key of Object.keys(attributes)) {
            if (!key.startsWith('prov:') || key in spec.required || PROV_RESERVED_ATTRIBUTES.has(key)) continue;
            const kind = spec.optional[key];
            if (kind === undefined) throw new Error(`${name} ${id}: ${key} is not an attribute of ${name}`);
            if (kind === 'time') expect(String(attributes[key])).toMatch(XSD_DATE_TIME);
          }
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(50);
      // hadMember's collection must be a prov:Collection.
      const entities = new Map(section('entity'));
      for (const membership of relations('hadMember', 'prov:collection', 'prov:entity')) {
        expect(typeNames(entities.get(String(membership['prov:collection'])))).toContain('prov:Collection');
      }
    });

    it('writes qualified names with declared prefixes and typed literals with a value and a type', () => {
      const prefixes = prov.prefix as Record<string, string>;
      const checkName = (name: string): void => {
        const prefix = name.slice(0, name.indexOf(':'));
        if (prefix !== '_' && !PREDEFINED_PREFIXES.has(prefix) && !(prefix in prefixes)) throw new Error(`Undeclared prefix in ${name}`);
      };
      for (const value of Object.values(prefixes)) expect(value).not.toMatch(/^https?:\/\/(127\.|localhost|gateway)/);
      for (const name of USED_SECTIONS.slice(1)) {
        for (const [id, attributes] of section(name)) {
          checkName(id);
          for (const [key, value] of Object.entries(attributes)) {
            checkName(key);
            for (const item of asList(value)) {
              if (!isObject(item)) continue;
              expect(typeof item.$).toBe('string');
              expect(typeof item.type === 'string' || typeof item.lang === 'string').toBe(true);
              if (item.type === 'xsd:QName') checkName(String(item.$));
            }
          }
        }
      }
    });

    it('traces the Telegram photo claim through the Yonhap report to the post, attributed to the Telegram account', () => {
      expect(related('wasDerivedFrom', 'prov:generatedEntity', TELEGRAM_STATEMENT, 'prov:usedEntity')).toEqual([`ag:${YONHAP_REPORT}`]);
      expect(related('wasDerivedFrom', 'prov:generatedEntity', YONHAP_REPORT, 'prov:usedEntity')).toEqual([`ag:${TELEGRAM_POST}`]);
      expect(relatedFor(TELEGRAM_STATEMENT, 'wasDerivedFrom', 'prov:generatedEntity', YONHAP_REPORT, 'prov:usedEntity')).toEqual([`ag:${TELEGRAM_POST}`]);
      expect(relatedFor(TELEGRAM_STATEMENT, 'wasInfluencedBy', 'prov:influencee', YONHAP_REPORT, 'prov:influencer')).toEqual([]);
      expect(related('wasAttributedTo', 'prov:entity', TELEGRAM_POST, 'prov:agent')).toEqual([`ag:${TELEGRAM_ACCOUNT}`]);
      expect(related('wasAttributedTo', 'prov:entity', YONHAP_REPORT, 'prov:agent')).toEqual(['ag:actor/yonhap']);
      expect(related('wasAttributedTo', 'prov:entity', TELEGRAM_STATEMENT, 'prov:agent')).toEqual([`ag:${TELEGRAM_ACCOUNT}`]);
    });

    it('marks as prov:Quotation exactly the derivations of statements the article quotes (DIRECT or PARTIAL)', () => {
      const derivations = relations('wasDerivedFrom', 'prov:generatedEntity', 'prov:usedEntity');
      const viaStatements = statements.filter((statement) => statement.viaId !== null);
      expect(viaStatements.some((statement) => statement.quoteKind === 'DIRECT')).toBe(true);
      expect(viaStatements.some((statement) => statement.quoteKind === 'PARAPHRASE')).toBe(true);
      for (const statement of viaStatements) {
        const derivation = derivations.find((attributes) => attributes['prov:generatedEntity'] === `ag:${statement._id}`);
        expect(derivation?.['prov:usedEntity']).toBe(`ag:${statement.viaId}`);
        const quoted = typeNames(derivation).includes('prov:Quotation');
        expect([statement._id, quoted]).toEqual([statement._id, statement.quoteKind !== 'PARAPHRASE']);
      }
    });

    it('follows affiliation chains as delegation: Wood for the United States, the DPRK representative through the delegation to North Korea', () => {
      const chainOf = (actorId: string): string[] => {
        const chain: string[] = [];
        let current = `ag:${actorId}`;
        for (let step = 0; step < 10; step += 1) {
          const [responsible, ...others] = relations('actedOnBehalfOf', 'prov:delegate', 'prov:responsible')
            .filter((attributes) => attributes['prov:delegate'] === current)
            .map((attributes) => String(attributes['prov:responsible']));
          expect(others).toEqual([]);
          if (responsible === undefined) break;
          chain.push(responsible);
          current = responsible;
        }
        return chain;
      };
      expect(chainOf('actor/robert-wood')).toEqual(['ag:actor/united-states']);
      expect(chainOf('actor/dprk-un-representative')).toEqual(['ag:actor/dprk-un-delegation', 'ag:actor/north-korea']);
      const agents = new Map(section('agent'));
      expect(agents.has('ag:actor/north-korea')).toBe(true);
    });

    it('types agents from their kind and keeps names, kinds, claims, quotes and dates', () => {
      const agents = new Map(section('agent'));
      expect(typeNames(agents.get('ag:actor/robert-wood'))).toEqual(['prov:Person']);
      expect(agents.get('ag:actor/robert-wood')).toMatchObject({ 'prov:label': 'Robert Wood', 'agv:kind': 'PERSON', 'agv:named': true });
      expect(typeNames(agents.get('ag:actor/nis'))).toEqual(['prov:Organization']);
      expect(agents.get('ag:actor/nis')).toMatchObject({ 'agv:kind': 'GOVERNMENT_AGENCY' });

      const entities = new Map(section('entity'));
      expect(entities.get(`ag:${SEED_ARTICLE_ID}`)).toMatchObject({ 'prov:label': 'North Korea denies sending troops to Russia' });
      const denial = entities.get('ag:statement/nk-troops-dprk-denial');
      expect(denial).toMatchObject({ 'agv:quote': ['groundless rumor'], 'agv:quoteKind': 'PARTIAL', 'agv:stance': 'DENIES' });
      expect(String(denial?.['prov:label'])).toMatch(/^North Korea has sent troops/);

      const timeOf = (id: string): unknown[] => relations('wasGeneratedBy', 'prov:entity', 'prov:time').filter((attributes) => attributes['prov:entity'] === `ag:${id}`).map((attributes) => attributes['prov:time']);
      expect(timeOf(SEED_ARTICLE_ID)).toEqual(['2024-10-22T00:00:00.000Z']);
      expect(timeOf('statement/nk-troops-dprk-denial')).toEqual(['2024-10-21T00:00:00.000Z']);
      expect(timeOf('report/yonhap-north-korea-troops')).toEqual(['2024-10-22T00:00:00.000Z']);
    });

    it('makes every statement a member of the article, and cited sources influences of their report', () => {
      const members = related('hadMember', 'prov:collection', SEED_ARTICLE_ID, 'prov:entity');
      expect(members).toEqual(statements.map((statement) => `ag:${statement._id}`));
      expect(related('wasInfluencedBy', 'prov:influencee', YONHAP_REPORT, 'prov:influencer')).toEqual(['ag:actor/south-korean-government-source']);
      // Per claim: Yonhap cites the government source for the monitoring team, and relays nothing for it.
      for (const claimId of ['statement/nk-troops-monitoring-team-considered', 'statement/nk-troops-monitoring-team-composition']) {
        expect(relatedFor(claimId, 'wasInfluencedBy', 'prov:influencee', YONHAP_REPORT, 'prov:influencer')).toEqual(['ag:actor/south-korean-government-source']);
        expect(relatedFor(claimId, 'wasDerivedFrom', 'prov:generatedEntity', YONHAP_REPORT, 'prov:usedEntity')).toEqual([]);
      }
      expect(related('wasInfluencedBy', 'prov:influencee', 'statement/nk-troops-dprk-denial', 'prov:influencer')).toEqual(['ag:statement/nk-troops-nis-large-scale-deployment']);
    });
  });

  describe('schema.org Claims', () => {
    let document: JsonObject;
    let claims: JsonObject[];
    const claimOf = (statementId: string): JsonObject => {
      const claim = claims.find((candidate) => candidate['@id'] === `${BASE_IRI}${statementId}`);
      if (!claim) throw new Error(`No claim for ${statementId}`);
      return claim;
    };

    beforeAll(async () => {
      const fetched = await exportOf(encodeURIComponent(SEED_ARTICLE_ID), 'claims.jsonld');
      expect(fetched.status).toBe(200);
      expect(fetched.contentType).toMatch(/^application\/ld\+json/);
      document = fetched.body;
      claims = asList(document['@graph']).filter(isObject);
    });

    it('is a JSON-LD document in the schema.org context with one Claim per statement, in article order', () => {
      expect(document['@context']).toBe('https://schema.org');
      expect(Object.keys(document).sort()).toEqual(['@context', '@graph']);
      expect(claims.map((claim) => claim['@id'])).toEqual(statements.map((statement) => `${BASE_IRI}${statement._id}`));
      for (const claim of claims) {
        expect(claim['@type']).toBe('Claim');
        expect(typeof claim.text).toBe('string');
        expect(asList(claim.author).length).toBeGreaterThan(0);
        expect(isObject(claim.appearance)).toBe(true);
      }
    });

    it('uses only the listed schema.org types and properties, each node-valued property holding a node of its range', () => {
      let nodes = 0;
      const visit = (node: JsonObject, where: string): void => {
        nodes += 1;
        const id = node['@id'];
        if (id !== undefined) expect(String(id)).toMatch(/^urn:attribution-gateway:(article|statement|actor|report)\/[a-z0-9-]+$/);
        const type = node['@type'];
        if (type === undefined) {
          // A reference to a node described elsewhere in the document.
          expect(Object.keys(node)).toEqual(['@id']);
          return;
        }
        const allowed = SCHEMA_ORG_TYPES[String(type)];
        if (!allowed) throw new Error(`${where}: type ${String(type)} is not in the allowed vocabulary`);
        for (const [property, value] of Object.entries(node)) {
          if (property === '@id' || property === '@type') continue;
          if (!allowed.includes(property)) throw new Error(`${where}: ${property} is not a property of ${String(type)}`);
          for (const item of asList(value)) {
            const range = PROPERTY_RANGES[property];
            if (range) {
              if (!isObject(item)) throw new Error(`${where}.${property} should hold a node`);
              if (item['@type'] !== undefined && !range.has(String(item['@type']))) throw new Error(`${where}.${property} holds a ${String(item['@type'])}`);
              visit(item, `${where}.${property}`);
            } else {
              expect(typeof item).toBe('string');
              if (property.startsWith('date')) expect(String(item)).toMatch(DATE);
            }
          }
        }
      };
      claims.forEach((claim, index) => visit(claim, `@graph[${index}]`));
      expect(nodes).toBeGreaterThan(100);
    });

    it('credits each claim to its speakers: by name when named, by description when not', () => {
      for (const statement of statements) {
        const authors = asList(claimOf(statement._id).author).filter(isObject);
        expect(authors.map((author) => author['@id'])).toEqual(statement.speakerIds.map((id) => `${BASE_IRI}${id}`));
        for (const author of authors) {
          const actor = actors.get(String(author['@id']).slice(BASE_IRI.length));
          expect(actor).toBeDefined();
          if (actor?.named) expect(author.name).toBe(actor.name);
          else expect([author.name, author.description]).toEqual([undefined, actor?.name]);
          expect(author['@type']).toEqual(actor?.kind === 'PERSON' ? 'Person' : expect.stringMatching(/Organization$/));
        }
      }
      const wood = asList(claimOf('statement/nk-troops-wood-seen-reports').author)[0];
      expect(wood).toMatchObject({ '@type': 'Person', name: 'Robert Wood', jobTitle: 'US ambassador to the United Nations', affiliation: { '@type': 'GovernmentOrganization', name: 'United States' } });
      const representative = asList(claimOf('statement/nk-troops-dprk-denial').author)[0];
      expect(representative).toMatchObject({
        '@type': 'Person',
        affiliation: { name: 'DPRK delegation to the United Nations', parentOrganization: { name: 'North Korea' } },
      });
    });

    it("gives the Telegram photo claim the article as appearance and the account's post as first appearance", () => {
      const claim = claimOf(TELEGRAM_STATEMENT);
      expect(claim.appearance).toMatchObject({
        '@id': `${BASE_IRI}${SEED_ARTICLE_ID}`,
        '@type': 'NewsArticle',
        headline: 'North Korea denies sending troops to Russia',
        datePublished: '2024-10-22',
        publisher: { '@id': `${BASE_IRI}actor/afp`, name: 'AFP' },
        isBasedOn: { '@id': `${BASE_IRI}${YONHAP_REPORT}`, publisher: { name: 'Yonhap' }, isBasedOn: [{ '@id': `${BASE_IRI}${TELEGRAM_POST}` }] },
      });
      expect(claim.firstAppearance).toMatchObject({
        '@id': `${BASE_IRI}${TELEGRAM_POST}`,
        '@type': 'SocialMediaPosting',
        publisher: { '@id': `${BASE_IRI}${TELEGRAM_ACCOUNT}`, description: 'Pro-Russia Telegram account' },
      });
    });

    it('dates claims when they were made and makes a via report with no relays its own first appearance', () => {
      expect(claimOf('statement/nk-troops-dprk-denial').dateCreated).toBe('2024-10-21');
      expect(claimOf('statement/nk-troops-monitoring-team-considered').firstAppearance).toMatchObject({ '@id': `${BASE_IRI}report/yonhap-north-korea-troops`, datePublished: '2024-10-22' });
      expect(claimOf('statement/nk-troops-russia-defends-cooperation').firstAppearance).toBeUndefined();
    });

    it("cites the speaker's quoted words as a Quotation, only where the article quotes them", () => {
      for (const statement of statements) {
        const citation = claimOf(statement._id).citation;
        if (statement.quotes.length === 0) {
          expect(citation).toBeUndefined();
          continue;
        }
        expect(citation).toMatchObject(
          statement.quotes.map((quote) => ({
            '@type': 'Quotation',
            text: quote,
            creator: statement.speakerIds.map((id) => ({ '@id': `${BASE_IRI}${id}` })),
            isPartOf: { '@id': `${BASE_IRI}${SEED_ARTICLE_ID}` },
          })),
        );
      }
    });
  });

  describe('errors and cost', () => {
    it.each(['prov.json', 'claims.jsonld'])('answers 404 NOT_FOUND for an unknown article (%s)', async (file) => {
      const fetched = await exportOf(encodeURIComponent('article/does-not-exist'), file);
      expect(fetched.status).toBe(404);
      expect(fetched.body).toEqual({ errors: [{ message: expect.stringContaining('article/does-not-exist'), extensions: { code: 'NOT_FOUND' } }] });
    });

    it.each([encodeURIComponent('report/yonhap-north-korea-troops'), encodeURIComponent('article/UPPER-case'), 'article%2', encodeURIComponent('article/')])(
      'answers 400 BAD_USER_INPUT for the malformed id %p',
      async (encodedId) => {
        const fetched = await exportOf(encodedId, 'prov.json');
        expect(fetched.status).toBe(400);
        expect(fetched.body).toEqual({ errors: [{ message: expect.stringContaining('"article/<slug>"'), extensions: { code: 'BAD_USER_INPUT' } }] });
      },
    );

    it('accepts the id with its slash unencoded, and refuses other methods', async () => {
      expect((await exportOf(SEED_ARTICLE_ID, 'claims.jsonld')).status).toBe(200);
      const posted = await exportOf(encodeURIComponent(SEED_ARTICLE_ID), 'prov.json', 'POST');
      expect(posted.status).toBe(405);
      expect((await exportOf(encodeURIComponent(SEED_ARTICLE_ID), 'other.json')).status).toBe(404);
    });

    const costOf = async (articleId: string, file: string): Promise<number> => {
      const before = roundTrips.count;
      expect((await exportOf(encodeURIComponent(articleId), file)).status).toBe(200);
      return roundTrips.count - before;
    };

    it.each(['prov.json', 'claims.jsonld'])('costs one store call per collection per level, the same at 300 statements as at 10 (%s)', async (file) => {
      expect(await costOf('article/small', file)).toBe(GENERATED_ARTICLE_ROUND_TRIPS);
      expect(await costOf('article/large', file)).toBe(GENERATED_ARTICLE_ROUND_TRIPS);
      expect(await costOf(SEED_ARTICLE_ID, file)).toBeLessThanOrEqual(2 + 2 * MAX_CHAIN_DEPTH);
    });

    it('ends on looping chains and cuts chains deeper than the cap, naming only what it declares', async () => {
      // Ingestion refuses both; written straight to the store, as a damaged or foreign store could hold them.
      const actor = (id: string, affiliationId: string | null): ActorDocument => ({ _id: id, name: id, kind: 'PERSON', named: true, role: null, affiliationId, country: null, aliases: [], headcount: null });
      const report = (id: string, relayIds: string[]): ReportDocument => ({ _id: id, kind: 'NEWS_REPORT', title: null, summary: null, publisherId: 'actor/loop-a', publishedAt: null, url: null, status: 'PUBLISHED', seenById: null, sourceIds: [], relayIds });
      const depth = MAX_CHAIN_DEPTH + 4;
      await store.upsertMany('actors', [actor('actor/loop-a', 'actor/loop-b'), actor('actor/loop-b', 'actor/loop-a')]);
      await store.upsertMany('reports', [
        report('report/loop-1', ['report/loop-2']),
        report('report/loop-2', ['report/loop-1']),
        ...Array.from({ length: depth }, (_, index) => report(`report/deep-${index}`, index + 1 < depth ? [`report/deep-${index + 1}`] : [])),
      ]);
      const article: ArticleDocument = { _id: 'article/loops', title: 'loops', publisherId: null, publishedAt: null, url: null, language: 'en', body: 'x'.repeat(20), credits: [] };
      await store.upsertMany('articles', [article]);
      const statement = (id: string, position: number, viaId: string): StatementDocument => ({
        _id: id, articleId: 'article/loops', position, claim: id, quotes: [], quoteKind: 'PARAPHRASE', speakerIds: ['actor/loop-a'],
        stance: 'ASSERTS', viaId, derivations: [], respondsToId: null, respondsToReportId: null, madeAt: null, venue: null, evidence: [{ start: position, end: position + 1, text: 'x' }],
      });
      await store.upsertMany('statements', [statement('statement/loop', 0, 'report/loop-1'), statement('statement/deep', 1, 'report/deep-0')]);

      expect(await costOf('article/loops', 'prov.json')).toBeLessThanOrEqual(2 + 2 * MAX_CHAIN_DEPTH);
      const prov = (await exportOf(encodeURIComponent('article/loops'), 'prov.json')).body as Record<string, Record<string, Attributes>>;
      const entities = new Set(Object.keys(prov.entity ?? {}));
      expect(entities.has('ag:report/deep-0')).toBe(true);
      expect(entities.has(`ag:report/deep-${depth - 1}`)).toBe(false);
      for (const derivation of Object.values(prov.wasDerivedFrom ?? {})) expect(entities.has(String(derivation['prov:usedEntity']))).toBe(true);
      expect(Object.values(prov.actedOnBehalfOf ?? {}).map((delegation) => delegation['prov:delegate']).sort()).toEqual(['ag:actor/loop-a', 'ag:actor/loop-b']);

      const claims = asList((await exportOf(encodeURIComponent('article/loops'), 'claims.jsonld')).body['@graph']).filter(isObject);
      expect(claims.map((claim) => (claim.firstAppearance as JsonObject | undefined)?.['@id'])).toEqual([`${BASE_IRI}report/loop-2`, expect.stringMatching(/report\/deep-\d+$/)]);
    });

    it('exports every statement of a large article', async () => {
      const fetched = await exportOf(encodeURIComponent('article/large'), 'claims.jsonld');
      const claims = asList(fetched.body['@graph']).filter(isObject);
      expect(claims).toHaveLength(300);
      expect(claims[3]?.firstAppearance).toMatchObject({ '@id': `${BASE_IRI}report/origin-large-3`, publisher: { '@id': `${BASE_IRI}actor/origin-publisher-large-3` } });
    });
  });
});
