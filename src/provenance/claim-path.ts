import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';

/** What a report cites and relays for one claim. */
export interface ClaimLinks {
  readonly sourceIds: readonly string[];
  readonly relayIds: readonly string[];
}

/** A report on a claim's path, with its distance from the article (1 = the via report) and its links for that claim. */
export interface ClaimHop extends ClaimLinks {
  readonly depth: number;
  readonly report: ReportDocument;
}

/**
 * What `report` cites and relays for `statement`'s claim: the statement's own derivation step for
 * that report when it has one, else the report's report-level links (what it passes on for every
 * claim it carries). The loader keeps a step's links among its report's, so a walk over the
 * report-level relays reaches every report a claim's path can.
 */
export function claimLinksAt(statement: Pick<StatementDocument, 'derivations'>, report: ReportDocument): ClaimLinks {
  return statement.derivations.find((step) => step.reportId === report._id) ?? report;
}

/**
 * The claim's own path from its via report, nearest first, breadth first: each report once, at
 * its shortest distance, no deeper than `maxDepth`. `reports` holds the reports that may be on it
 * (a report-level relay chain is enough); a relay missing from it ends the path there.
 */
export function claimPath(statement: Pick<StatementDocument, 'viaId' | 'derivations'>, reports: ReadonlyMap<string, ReportDocument>, maxDepth: number): ClaimHop[] {
  const via = statement.viaId === null ? undefined : reports.get(statement.viaId);
  if (!via) return [];
  const hops: ClaimHop[] = [];
  const seen = new Set([via._id]);
  let level = [via];
  for (let depth = 1; level.length > 0 && depth <= maxDepth; depth += 1) {
    const next: ReportDocument[] = [];
    for (const report of level) {
      const links = claimLinksAt(statement, report);
      hops.push({ depth, report, sourceIds: links.sourceIds, relayIds: links.relayIds });
      for (const id of links.relayIds) {
        const relayed = reports.get(id);
        if (relayed && !seen.has(id)) {
          seen.add(id);
          next.push(relayed);
        }
      }
    }
    level = next;
  }
  return hops;
}

/** True when some hop relays, for this claim, a report the path does not include (depth or data cut it short). */
export function pathCutShort(hops: readonly ClaimHop[]): boolean {
  const included = new Set(hops.map((hop) => hop.report._id));
  return hops.some((hop) => hop.relayIds.some((id) => !included.has(id)));
}

/** Hops where the claim's path ends: the report relays nothing for it. */
export function pathOrigins(hops: readonly ClaimHop[]): ReportDocument[] {
  return hops.filter((hop) => hop.relayIds.length === 0).map((hop) => hop.report);
}
