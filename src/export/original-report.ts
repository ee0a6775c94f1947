import { claimLinksAt } from '../provenance/claim-path';
import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';

/**
 * The report a claim first appeared in: the end of the claim's own relay path that starts at its
 * via report (the via report itself when it relays nothing for it). When the path branches into several originals,
 * the earliest dated one wins, then the first met going down the relays in their stored order,
 * so the answer is stable. Reports that were not loaded end the chain where they are referenced.
 */
export function originalReportOf(statement: Pick<StatementDocument, 'viaId' | 'derivations'>, reports: ReadonlyMap<string, ReportDocument>): ReportDocument | null {
  const via = statement.viaId === null ? undefined : reports.get(statement.viaId);
  if (!via) return null;
  const originals: ReportDocument[] = [];
  const visited = new Set<string>();
  const descend = (report: ReportDocument): void => {
    visited.add(report._id);
    const relayed = claimLinksAt(statement, report).relayIds.flatMap((id) => {
      const found = reports.get(id);
      return found && !visited.has(id) ? [found] : [];
    });
    if (relayed.length === 0) originals.push(report);
    for (const next of relayed) if (!visited.has(next._id)) descend(next);
  };
  descend(via);
  return originals.reduce((best, candidate) => (publishedEarlier(candidate, best) ? candidate : best));
}

/** True when `candidate` has a date and `best` has none or a later one. */
function publishedEarlier(candidate: ReportDocument, best: ReportDocument): boolean {
  if (!candidate.publishedAt) return false;
  return !best.publishedAt || candidate.publishedAt.getTime() < best.publishedAt.getTime();
}
