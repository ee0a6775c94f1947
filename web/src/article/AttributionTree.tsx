import type { RefObject } from 'react';
import { Link } from '../navigation';
import { hrefFor } from '../routes';
import type { StatementData } from '../views/ArticleView';
import { StanceBadge, kindWords } from '../views/common';

interface AttributionTreeProps {
  statements: readonly StatementData[];
  selected: string | null;
  onSelect: (statementId: string) => void;
  containerRef: RefObject<HTMLOListElement>;
}

/**
 * Each statement as a branch: who said it and whom they speak for, the reports it travelled
 * through back to its origin, whom those reports cite, and the statement it answers. The
 * statement's button selects the branch (Enter or Space from the keyboard, as any button).
 */
export function AttributionTree({ statements, selected, onSelect, containerRef }: AttributionTreeProps) {
  const claimById = new Map(statements.map((statement) => [statement.id, statement.claim]));
  return (
    <ol className="tree" ref={containerRef}>
      {statements.map((statement) => {
        const isSelected = selected === statement.id;
        const path = statement.attributionPath;
        const hopIds = new Set(path.hops.map((hop) => hop.report.id));
        const origins = path.origins.filter((origin) => !hopIds.has(origin.id) || path.hops.length === 0);
        return (
          <li key={statement.id} className={`branch${isSelected ? ' selected' : ''}`} data-branch-id={statement.id}>
            <button type="button" className="node statement-node" data-statement-id={statement.id} aria-pressed={isSelected} onClick={() => onSelect(statement.id)}>
              <StanceBadge stance={statement.stance} /> <span id={`claim-${statement.id}`}>{statement.claim}</span>
            </button>
            <dl className="branch-facts">
              <dt>Said by</dt>
              <dd>
                <ul>
                  {path.speakers.map(({ actor, affiliationChain }) => (
                    <li key={actor.id}>
                      <Link href={hrefFor('actor', actor.id)} data-actor-id={actor.id}>
                        {actor.name}
                      </Link>
                      {actor.role !== null && <span className="role">, {actor.role}</span>}
                      {affiliationChain.length > 0 && (
                        <span className="chain">
                          {' '}
                          for{' '}
                          {affiliationChain.map((body, index) => (
                            <span key={body.id}>
                              {index > 0 && ' → '}
                              <Link href={hrefFor('actor', body.id)} data-affiliation-id={body.id}>
                                {body.name}
                              </Link>
                            </span>
                          ))}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>Path</dt>
              <dd>
                {path.hops.length === 0 ? (
                  <p className="direct">Reported by the article itself, through no named report.</p>
                ) : (
                  <ol className="path">
                    {path.hops.map(({ depth, report }) => (
                      <li key={`${depth}:${report.id}`}>
                        <Link href={hrefFor('report', report.id)} data-report-id={report.id}>
                          {report.publisher?.name ?? 'unknown publisher'}: {kindWords(report.kind)}
                        </Link>
                        {report.title !== null && <span className="title"> “{report.title}”</span>}
                        {depth === 1 ? <span className="depth"> (the article's source)</span> : <span className="depth"> (relayed, step {depth})</span>}
                      </li>
                    ))}
                  </ol>
                )}
                {origins.length > 0 && (
                  <p className="origins">
                    Origin:{' '}
                    {origins.map((origin, index) => (
                      <span key={origin.id}>
                        {index > 0 && ', '}
                        <Link href={hrefFor('report', origin.id)} data-origin-id={origin.id}>
                          {origin.publisher?.name ?? 'unknown publisher'}: {kindWords(origin.kind)}
                        </Link>
                      </span>
                    ))}
                  </p>
                )}
                {path.sources.length > 0 && (
                  <p className="sources">
                    Cites:{' '}
                    {path.sources.map((source, index) => (
                      <span key={source.id}>
                        {index > 0 && ', '}
                        <Link href={hrefFor('actor', source.id)} data-source-id={source.id}>
                          {source.name}
                        </Link>
                        {!source.named && ' (unnamed)'}
                      </span>
                    ))}
                  </p>
                )}
                {path.truncated && <p className="truncated">The path goes on beyond what is shown.</p>}
              </dd>
              {statement.respondsTo !== null && (
                <>
                  <dt>Responds to</dt>
                  <dd>
                    {claimById.has(statement.respondsTo.id) ? (
                      <button type="button" className="node link-like" data-responds-to={statement.respondsTo.id} onClick={() => statement.respondsTo && onSelect(statement.respondsTo.id)}>
                        {statement.respondsTo.claim}
                      </button>
                    ) : (
                      <span>{statement.respondsTo.claim}</span>
                    )}
                  </dd>
                </>
              )}
              {statement.quote !== null && (
                <>
                  <dt>Words quoted</dt>
                  <dd>
                    <q>{statement.quote}</q>
                  </dd>
                </>
              )}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}
