import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';

/** The deepest chain a client may ask for: past it, a chain is surely a loop or a mistake. */
export const MAX_CHAIN_DEPTH = 32;

/** A report at a distance from the start of a chain (1 = the first report), with the links followed from it. */
export interface ReportHopSource {
  depth: number;
  report: ReportDocument;
  /** What the report cites and relays on this chain: for one claim on an attribution path, in all on a relay chain. */
  sourceIds: readonly string[];
  relayIds: readonly string[];
}

/** A report and the reports it relays, transitively, up to some depth. */
export interface RelayChain {
  root: ReportDocument;
  /** Relayed reports with their depth below the root (1 = relayed by the root). */
  relayed: Array<{ depth: number; report: ReportDocument }>;
}

/** A speaker whose affiliation chain is to be followed to `maxDepth`. */
export interface SpeakerAffiliationSource {
  actorId: string;
  maxDepth: number;
}

/** A statement whose attribution path is to be followed to `maxDepth`. */
export interface AttributionPathSource {
  statement: StatementDocument;
  maxDepth: number;
}
