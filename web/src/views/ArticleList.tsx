import { useContext, useEffect, useState, type FormEvent } from 'react';
import { ArticleListDocument, ArticleSearchDocument } from '../__generated__/graphql';
import { runQuery } from '../graphql-client';
import { Link, NavigationContext } from '../navigation';
import { hrefFor, listHref } from '../routes';
import { Day, PageHeading } from './common';

interface ArticleRow {
  id: string;
  title: string;
  publishedAt: string | null;
  publisher: { name: string } | null;
  stats: { statementCount: number };
}

interface Page {
  rows: ArticleRow[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

const PAGE_SIZE = 20;

/** The search asks for articles only; other result types come back as empty objects. */
function isArticleRow<T extends { id: string }>(node: T | Record<PropertyKey, never>): node is T {
  return 'id' in node;
}

async function fetchPage(search: string, after: string | null): Promise<Page> {
  if (search === '') {
    const { articles } = await runQuery(ArticleListDocument, { first: PAGE_SIZE, after });
    return { rows: articles.nodes, totalCount: articles.totalCount, ...articles.pageInfo };
  }
  const { search: found } = await runQuery(ArticleSearchDocument, { query: search, first: PAGE_SIZE, after });
  const rows = found.edges.map((edge) => edge.node).filter(isArticleRow);
  return { rows, totalCount: found.totalCount, ...found.pageInfo };
}

/** Articles, newest first, or those matching a search; "More" fetches the next page. */
export function ArticleList({ search }: { search: string }) {
  const navigate = useContext(NavigationContext);
  const [draft, setDraft] = useState(search);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let current = true;
    setPage(null);
    setError(null);
    setDraft(search);
    fetchPage(search, null).then(
      (first) => current && setPage(first),
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
  }, [search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(listHref(draft.trim()));
  };
  const more = () => {
    if (page === null || page.endCursor === null) return;
    setLoadingMore(true);
    fetchPage(search, page.endCursor)
      .then((next) => setPage({ ...next, rows: [...page.rows, ...next.rows] }))
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => setLoadingMore(false));
  };

  return (
    <section>
      <PageHeading>{search === '' ? 'Articles' : `Articles matching “${search}”`}</PageHeading>
      <form role="search" className="search" onSubmit={submit}>
        <label htmlFor="article-search">Search articles</label>
        <input id="article-search" type="search" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="troops deployment" />
        <button type="submit">Search</button>
      </form>
      {error !== null && (
        <p role="alert" className="error">
          Could not load articles: {error}
        </p>
      )}
      {page === null && error === null && <p role="status">Loading…</p>}
      {page !== null && (
        <>
          <p className="count" role="status">
            {page.totalCount} article{page.totalCount === 1 ? '' : 's'}
          </p>
          <ul className="article-list">
            {page.rows.map((article) => (
              <li key={article.id}>
                <Link href={hrefFor('article', article.id)}>{article.title}</Link>
                <p className="meta">
                  {article.publisher?.name} <Day value={article.publishedAt} /> · {article.stats.statementCount} statements
                </p>
              </li>
            ))}
          </ul>
          {page.hasNextPage && (
            <button type="button" onClick={more} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'More articles'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
