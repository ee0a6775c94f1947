import { ReportViewDocument } from '../__generated__/graphql';
import { Link } from '../navigation';
import { hrefFor } from '../routes';
import { useQuery } from '../use-query';
import { Day, PageHeading, QueryResult, StanceBadge, Title, kindWords } from './common';

/** A report: who published it, whom it cites, what it relays or is relayed by, and what travelled through it. */
export function ReportView({ id }: { id: string }) {
  const state = useQuery(ReportViewDocument, { id, first: 50 });
  return (
    <QueryResult state={state}>
      {({ report }) => {
        if (report === null)
          return (
            <section>
              <PageHeading>No such report</PageHeading>
              <p>There is no report {id}.</p>
            </section>
          );
        const heading = report.title ?? `${report.publisher?.name ?? 'Unknown publisher'}: ${kindWords(report.kind)}`;
        return (
          <section>
            <Title text={heading} />
            <PageHeading>{heading}</PageHeading>
            <p className="meta">
              {kindWords(report.kind)}
              {report.publisher !== null && (
                <>
                  {' by '}
                  <Link href={hrefFor('actor', report.publisher.id)}>{report.publisher.name}</Link>
                </>
              )}{' '}
              <Day value={report.publishedAt} />
            </p>
            {report.summary !== null && <p>{report.summary}</p>}
            {report.sources.length > 0 && (
              <p>
                Cites:{' '}
                {report.sources.map((source, index) => (
                  <span key={source.id}>
                    {index > 0 && ', '}
                    <Link href={hrefFor('actor', source.id)}>{source.name}</Link>
                    {!source.named && ' (unnamed)'}
                  </span>
                ))}
              </p>
            )}
            {report.relayChain.length > 0 && (
              <>
                <h2>What it passes on</h2>
                <ol className="path">
                  {report.relayChain.map(({ depth, report: relayed }) => (
                    <li key={`${depth}:${relayed.id}`}>
                      <Link href={hrefFor('report', relayed.id)}>
                        {relayed.publisher?.name ?? 'unknown publisher'}: {kindWords(relayed.kind)}
                      </Link>
                      {relayed.title !== null && ` “${relayed.title}”`}
                    </li>
                  ))}
                </ol>
              </>
            )}
            {report.relayedBy.nodes.length > 0 && (
              <>
                <h2>Passed on by</h2>
                <ul>
                  {report.relayedBy.nodes.map((relay) => (
                    <li key={relay.id}>
                      <Link href={hrefFor('report', relay.id)}>
                        {relay.publisher?.name ?? 'unknown publisher'}: {kindWords(relay.kind)}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h2>Statements that came through it ({report.statements.totalCount})</h2>
            <ul className="statement-list">
              {report.statements.nodes.map((statement) => (
                <li key={statement.id}>
                  <StanceBadge stance={statement.stance} /> {statement.claim}
                  <p className="meta">
                    {statement.speakers.map((speaker, index) => (
                      <span key={speaker.id}>
                        {index > 0 && ', '}
                        <Link href={hrefFor('actor', speaker.id)}>{speaker.name}</Link>
                      </span>
                    ))}{' '}
                    in <Link href={hrefFor('article', statement.article.id)}>{statement.article.title}</Link> <Day value={statement.article.publishedAt} />
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
