import type { Store } from '../store/store';
import { CollectionReader } from '../repository/collection-reader';
import type { NestedQuery } from '../repository/nested-query';
import type { Ordering, PageArgs } from '../pagination/keyset';
import type { Page } from '../pagination/page';
import type { Filter } from '../store/store';
import type { RelayChain } from '../provenance/provenance.model';
import type { ReportDocument } from './report.model';

/** Reference fields a report list can hang from. */
export type ReportParentField = 'publisherId' | 'sourceIds' | 'relayIds';

/** The only code that queries the `reports` collection. */
export class ReportRepository {
  private readonly reader: CollectionReader<'reports'>;

  constructor(store: Store) {
    this.reader = new CollectionReader(store, 'reports');
  }

  byIds(ids: readonly string[]): Promise<ReportDocument[]> {
    return this.reader.byIds(ids);
  }

  /** Ids of the reports a publisher published. */
  async idsByPublisher(publisherId: string): Promise<string[]> {
    const reports = await this.reader.byReference('publisherId', [publisherId]);
    return reports.map((report) => report._id);
  }

  /** Each report with the reports it relays, transitively, up to `maxDepth` links. */
  async relayChains(reportIds: readonly string[], maxDepth: number): Promise<Map<string, RelayChain>> {
    const chains = await this.reader.chainsFrom(reportIds, 'relayIds', maxDepth);
    return new Map([...chains].map(([id, { root, chain }]) => [id, { root, relayed: chain.map(({ depth, document }) => ({ depth, report: document })) }]));
  }

  page(args: PageArgs, filter: Filter, ordering: Ordering): Promise<Page<ReportDocument>> {
    return this.reader.page(args, filter, ordering);
  }

  /** A page of reports for each parent (publisher, cited source or relayed report). */
  pagesBy(field: ReportParentField, parentIds: readonly string[], query: NestedQuery, totalCount: (parentId: string) => Promise<number>): Promise<Map<string, Page<ReportDocument>>> {
    return this.reader.pagesByReference(field, parentIds, query, totalCount);
  }

  countsBy(field: ReportParentField, parentIds: readonly string[], filter: Filter): Promise<Map<string, number>> {
    return this.reader.countsByReference(field, parentIds, filter);
  }
}
