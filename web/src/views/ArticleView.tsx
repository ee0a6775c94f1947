import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { ArticleViewDocument, type ArticleViewQuery } from '../__generated__/graphql';
import { AttributionTree } from '../article/AttributionTree';
import { StanceLegend } from '../article/StanceLegend';
import { segmentBody } from '../article/segments';
import { Link } from '../navigation';
import { hrefFor } from '../routes';
import { STANCE_STYLES, stanceClass } from '../stance';
import { useQuery } from '../use-query';
import { Day, PageHeading, QueryResult } from './common';

export type ArticleData = NonNullable<ArticleViewQuery['article']>;
export type StatementData = ArticleData['statements'][number];

/** One article: its body with every statement's evidence highlighted, and the attribution tree beside it. */
export function ArticleView({ id }: { id: string }) {
  const state = useQuery(ArticleViewDocument, { id });
  return (
    <QueryResult state={state}>
      {(data) =>
        data.article === null ? (
          <section>
            <PageHeading>No such article</PageHeading>
            <p>There is no article {id}.</p>
          </section>
        ) : (
          <Article article={data.article} />
        )
      }
    </QueryResult>
  );
}

function Article({ article }: { article: ArticleData }) {
  const [selected, setSelected] = useState<string | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const treeRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    document.title = `${article.title} · Attribution explorer`;
  }, [article.title]);

  /** Selecting from the text shows the statement's branch of the tree, and the reverse. */
  const selectFromText = useCallback((statementId: string) => {
    setSelected(statementId);
    treeRef.current?.querySelector(`[data-statement-id="${CSS.escape(statementId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, []);
  const selectFromTree = useCallback((statementId: string) => {
    setSelected(statementId);
    bodyRef.current?.querySelector(`[data-statement-id="${CSS.escape(statementId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, []);

  return (
    <article className="article-view">
      <header className="article-header">
        <PageHeading>{article.title}</PageHeading>
        <p className="meta">
          {article.publisher !== null && <Link href={hrefFor('actor', article.publisher.id)}>{article.publisher.name}</Link>} <Day value={article.publishedAt} /> ·{' '}
          {article.statements.length} statements
        </p>
      </header>
      <StanceLegend statements={article.statements} />
      <div className="article-columns">
        <section aria-labelledby="body-heading" className="article-body-section">
          <h2 id="body-heading">Text, with each statement's evidence</h2>
          <HighlightedBody containerRef={bodyRef} article={article} selected={selected} onSelect={selectFromText} />
        </section>
        <section aria-labelledby="tree-heading" className="tree-section">
          <h2 id="tree-heading">Who said it, and through whom</h2>
          <AttributionTree containerRef={treeRef} statements={article.statements} selected={selected} onSelect={selectFromTree} />
        </section>
      </div>
    </article>
  );
}

interface HighlightedBodyProps {
  article: ArticleData;
  selected: string | null;
  onSelect: (statementId: string) => void;
  containerRef: RefObject<HTMLDivElement>;
}

function HighlightedBody({ article, selected, onSelect, containerRef }: HighlightedBodyProps) {
  const byId = useMemo(() => new Map(article.statements.map((statement) => [statement.id, statement])), [article.statements]);
  const segments = useMemo(
    () => segmentBody(article.body, article.statements.flatMap((statement) => statement.evidence.map((span) => ({ statementId: statement.id, start: span.start, end: span.end })))),
    [article],
  );
  const onKeyDown = (statementId: string) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onSelect(statementId);
  };
  return (
    <div className="article-body" ref={containerRef}>
      {segments.map((segment, index) => {
        if (segment.mark === null) return <span key={index}>{segment.text}</span>;
        const statement = byId.get(segment.mark.statementId);
        if (statement === undefined) return <span key={index}>{segment.text}</span>;
        return (
          <mark
            key={segment.key}
            role="button"
            tabIndex={0}
            aria-pressed={selected === statement.id}
            aria-describedby={`claim-${statement.id}`}
            data-statement-id={statement.id}
            data-symbol={STANCE_STYLES[statement.stance].symbol}
            className={`highlight ${stanceClass(statement.stance)}${selected === statement.id ? ' selected' : ''}`}
            onClick={() => onSelect(statement.id)}
            onKeyDown={onKeyDown(statement.id)}
          >
            {segment.text}
          </mark>
        );
      })}
    </div>
  );
}
