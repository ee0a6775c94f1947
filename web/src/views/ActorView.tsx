import { ActorViewDocument } from '../__generated__/graphql';
import { Link } from '../navigation';
import { hrefFor } from '../routes';
import { useQuery } from '../use-query';
import { Day, PageHeading, QueryResult, StanceBadge, Title, kindWords } from './common';

/** An actor: whom it speaks for, and everything it said across articles, newest first. */
export function ActorView({ id }: { id: string }) {
  const state = useQuery(ActorViewDocument, { id, first: 50 });
  return (
    <QueryResult state={state}>
      {({ actor }) => {
        if (actor === null)
          return (
            <section>
              <PageHeading>No such actor</PageHeading>
              <p>There is no actor {id}.</p>
            </section>
          );
        return (
          <section>
            <Title text={actor.name} />
            <PageHeading>{actor.name}</PageHeading>
            <p className="meta">
              {kindWords(actor.kind)}
              {!actor.named && ' (not named in the text)'}
              {actor.role !== null && `, ${actor.role}`}
              {actor.country !== null && ` · ${actor.country}`}
            </p>
            {actor.aliases.length > 0 && <p>Also called: {actor.aliases.join(', ')}</p>}
            {actor.affiliationChain.length > 0 && (
              <p>
                Speaks for:{' '}
                {actor.affiliationChain.map((body, index) => (
                  <span key={body.id}>
                    {index > 0 && ' → '}
                    <Link href={hrefFor('actor', body.id)}>{body.name}</Link>
                  </span>
                ))}
              </p>
            )}
            <h2>
              Statements ({actor.statements.totalCount}
              {actor.statements.pageInfo.hasNextPage ? `, the latest ${actor.statements.nodes.length} shown` : ''})
            </h2>
            <ul className="statement-list">
              {actor.statements.nodes.map((statement) => (
                <li key={statement.id}>
                  <StanceBadge stance={statement.stance} /> {statement.claim}
                  {statement.quote !== null && (
                    <>
                      {' '}
                      <q>{statement.quote}</q>
                    </>
                  )}
                  <p className="meta">
                    <Day value={statement.madeAt} /> in <Link href={hrefFor('article', statement.article.id)}>{statement.article.title}</Link>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      }}
    </QueryResult>
  );
}
