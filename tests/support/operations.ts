import fs from 'node:fs';
import path from 'node:path';

/** The article tree query clients send, as kept in the repository. */
export const ARTICLE_TREE_QUERY = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'graphql', 'operations', 'article-tree.graphql'), 'utf8');

interface Named {
  name: string;
}

/** The response shape of ARTICLE_TREE_QUERY. */
export interface ArticleTree {
  article: {
    title: string;
    publishedAt: string | null;
    publisher: Named | null;
    statements: Array<{
      claim: string;
      quote: string | null;
      stance: string;
      madeAt: string | null;
      speakers: Array<Named & { role: string | null; affiliation: (Named & { affiliation: Named | null }) | null }>;
      via: {
        kind: string;
        publisher: Named | null;
        sources: Array<Named & { named: boolean }>;
        relays: Array<{ kind: string; publisher: Named | null; relays: Array<{ publisher: Named | null }> }>;
      } | null;
      respondsTo: { claim: string; speakers: Named[] } | null;
    }>;
  } | null;
}
