import type { Store } from '../store/store';
import { CollectionReader, type PageRequest } from '../repository/collection-reader';
import type { Page } from '../pagination/page';
import type { StatementDocument } from './statement.model';

/** Statements come back in order of appearance within their article. */
const APPEARANCE_ORDER = { articleId: 1, position: 1, _id: 1 } as const;

/** The only code that queries the `statements` collection. */
export class StatementRepository {
  private readonly reader: CollectionReader<StatementDocument>;

  constructor(store: Store) {
    this.reader = new CollectionReader(store, 'statements');
  }

  byIds(ids: readonly string[]): Promise<StatementDocument[]> {
    return this.reader.byIds(ids);
  }

  byArticleIds(articleIds: readonly string[]): Promise<StatementDocument[]> {
    return this.reader.byReference('articleId', articleIds, APPEARANCE_ORDER);
  }

  bySpeakerIds(speakerIds: readonly string[]): Promise<StatementDocument[]> {
    return this.reader.byReference('speakerIds', speakerIds, APPEARANCE_ORDER);
  }

  byViaIds(reportIds: readonly string[]): Promise<StatementDocument[]> {
    return this.reader.byReference('viaId', reportIds, APPEARANCE_ORDER);
  }

  byRespondsToIds(statementIds: readonly string[]): Promise<StatementDocument[]> {
    return this.reader.byReference('respondsToId', statementIds, APPEARANCE_ORDER);
  }

  page(request: PageRequest): Promise<Page<StatementDocument>> {
    return this.reader.page(request);
  }
}
