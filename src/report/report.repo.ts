import type { Store } from '../store/store';
import { CollectionReader, type PageRequest } from '../repository/collection-reader';
import type { Page } from '../pagination/page';
import type { ReportDocument } from './report.model';

const PUBLICATION_ORDER = { publishedAt: 1, _id: 1 } as const;

/** The only code that queries the `reports` collection. */
export class ReportRepository {
  private readonly reader: CollectionReader<ReportDocument>;

  constructor(store: Store) {
    this.reader = new CollectionReader(store, 'reports');
  }

  byIds(ids: readonly string[]): Promise<ReportDocument[]> {
    return this.reader.byIds(ids);
  }

  byPublisherIds(publisherIds: readonly string[]): Promise<ReportDocument[]> {
    return this.reader.byReference('publisherId', publisherIds, PUBLICATION_ORDER);
  }

  bySourceIds(actorIds: readonly string[]): Promise<ReportDocument[]> {
    return this.reader.byReference('sourceIds', actorIds, PUBLICATION_ORDER);
  }

  byRelayIds(reportIds: readonly string[]): Promise<ReportDocument[]> {
    return this.reader.byReference('relayIds', reportIds, PUBLICATION_ORDER);
  }

  page(request: PageRequest): Promise<Page<ReportDocument>> {
    return this.reader.page(request);
  }
}
