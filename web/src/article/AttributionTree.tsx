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
        const originDepth = Math.max(0, ...path.hops.map((hop) => hop.depth));
        const sources = statement.via?.sources ?? [];
        return (
          <li key={statement.id} className={`branch${isSelected ? ' selected' : ''}`} data-branch-id={statement.id}>
            <button type="button" className="node statement-node" data-statement-id={statement.id} aria-pressed={isSelected} onClick={() => onSelect(statement.id)}>
              <StanceBadge stance={statement.stance} /> <span id={`claim-${statement.id}`}>{statement.claim}</span>
            </button>
            <dl className="branch-facts">
              <dt>Said by</dt>
              <dd>
                <ul>
                  {statement.speakers.map((speaker) => {
                    const chain = affiliationChain(speaker);
                    return (
                      <li key={speaker.id}>
                        <Link href={hrefFor('actor', speaker.id)} data-actor-id={speaker.id}>
                          {speaker.name}
                        </Link>
                        {!speaker.named && ' (unnamed)'}
                        {speaker.role !== null && <span className="role">, {speaker.role}</span>}
                        {chain.length > 0 && (
                          <span className="chain">
                            {' '}
                            for{' '}
                            {chain.map((body, index) => (
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
                    );
                  })}
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
                        <span className="depth"> {hopRole(depth, originDepth, path.truncated)}</span>
                      </li>
                    ))}
                  </ol>
                )}
                {sources.length > 0 && (
                  <p className="sources">
                    Cites:{' '}
                    {sources.map((source, index) => (
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

type Speaker = StatementData['speakers'][number];

/** The bodies a speaker speaks for, nearest first, as far as the article view asks (two links). */
function affiliationChain(speaker: Speaker): Array<{ id: string; name: string }> {
  const first = speaker.affiliation;
  if (first === null) return [];
  return first.affiliation === null ? [first] : [first, first.affiliation];
}

/** Where a report sits on the path: the article's source, a relay, or the origin at the end. */
function hopRole(depth: number, originDepth: number, truncated: boolean): string {
  if (depth === originDepth && !truncated) return depth === 1 ? '(the article’s source, and the origin)' : `(the origin, step ${depth})`;
  return depth === 1 ? '(the article’s source)' : `(relayed, step ${depth})`;
}
