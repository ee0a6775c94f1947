import { SEED_ARTICLE_ID } from './support/gateway';
import { ARTICLE_TREE_QUERY, type ArticleTree } from './support/operations';
import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

describe.each(testEngines())('the article tree query on the $name store', (engine) => {
  const seeded = useSeededGateway(engine);
  let tree: NonNullable<ArticleTree['article']>;

  beforeAll(async () => {
    const response = await seeded.gateway.query<ArticleTree>(ARTICLE_TREE_QUERY, { id: SEED_ARTICLE_ID });
    expect(response.errors).toBeUndefined();
    tree = response.data?.article as NonNullable<ArticleTree['article']>;
  });

  const statementWithClaim = (fragment: string) => {
    const found = tree.statements.find((statement) => statement.claim.includes(fragment));
    if (!found) throw new Error(`No statement whose claim contains "${fragment}"`);
    return found;
  };

  it('returns the article with its publisher and date', () => {
    expect(tree.title).toBe('North Korea denies sending troops to Russia');
    expect(tree.publisher?.name).toBe('AFP');
    expect(tree.publishedAt).toBe('2024-10-22T00:00:00.000Z');
  });

  it('lists every statement in order of appearance, starting with the denial', () => {
    expect(tree.statements).toHaveLength(18);
    expect(tree.statements[0]?.stance).toBe('DENIES');
    expect(tree.statements[0]?.quote).toBe('groundless rumor');
    expect(tree.statements[1]?.speakers.map((speaker) => speaker.name)).toEqual(['National Intelligence Service']);
  });

  it('links the denial to the spy agency claim it answers, with the day it was made', () => {
    const denial = tree.statements[0];
    expect(denial?.madeAt).toBe('2024-10-21T00:00:00.000Z');
    expect(denial?.respondsTo?.speakers).toEqual([{ name: 'National Intelligence Service' }]);
    expect(denial?.respondsTo?.claim).toMatch(/large-scale troop deployment/);
    expect(denial?.speakers[0]?.affiliation).toEqual({ name: 'DPRK delegation to the United Nations', affiliation: { name: 'North Korea' } });
  });

  it("gives Robert Wood's role and affiliation", () => {
    const wood = statementWithClaim('has seen reports');
    expect(wood.speakers).toEqual([{ name: 'Robert Wood', role: 'US ambassador to the United Nations', affiliation: { name: 'United States', affiliation: null } }]);
    expect(wood.via?.kind).toBe('SPEECH');
    expect(wood.via?.relays).toEqual([{ kind: 'NEWS_REPORT', publisher: null, relays: [] }]);
  });

  it('follows the Telegram chain: article, Yonhap report, Telegram post, account', () => {
    const photo = statementWithClaim('flags side by side');
    expect(photo.speakers.map((speaker) => speaker.name)).toEqual(['Pro-Russia Telegram account']);
    expect(photo.via?.publisher?.name).toBe('Yonhap');
    expect(photo.via?.relays).toEqual([{ kind: 'SOCIAL_MEDIA_POST', publisher: { name: 'Pro-Russia Telegram account' }, relays: [] }]);
  });

  it('names the unnamed government source behind the Yonhap monitoring-team report', () => {
    const team = statementWithClaim('considering sending a team');
    expect(team.via?.sources).toEqual([{ name: 'South Korean government source', named: false }]);
    expect(team.speakers[0]?.affiliation?.name).toBe('South Korea');
  });

  it('states every claim affirmatively, as the proposition at issue, and leaves denial to the stance', () => {
    const negated = tree.statements.filter((statement) => /\b(not|never|no)\b|n['’]t\b/i.test(statement.claim));
    expect(negated.map((statement) => statement.claim)).toEqual([]);
    const denial = tree.statements[0];
    expect(denial?.claim).toBe('North Korea has sent troops to Russia to help it fight Ukraine.');
    // The same proposition, taken up differently by each party.
    const deployment = tree.statements.filter((statement) => statement.claim === 'North Korea has deployed troops to Russia.');
    expect(deployment.map((statement) => statement.stance)).toEqual(['HAS_NOT_COMMENTED', 'HAS_NOT_CONFIRMED', 'HAS_NOT_CONFIRMED']);
  });

  it('keeps a jointly made claim as one statement with two speakers', () => {
    const joint = statementWithClaim('sending weapons to Russia for use in Ukraine');
    expect(joint.speakers.map((speaker) => speaker.name).sort()).toEqual(['South Korea', 'United States']);
  });
});
