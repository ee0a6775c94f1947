import type { Store } from '../store/store';
import { CollectionReader, type PageRequest } from '../repository/collection-reader';
import type { Page } from '../pagination/page';
import type { ArticleDocument } from './article.model';

/** The only code that queries the `articles` collection. */
export class ArticleRepository {
  private readonly reader: CollectionReader<ArticleDocument>;

  constructor(store: Store) {
    this.reader = new CollectionReader(store, 'articles');
  }

  byIds(ids: readonly string[]): Promise<ArticleDocument[]> {
    return this.reader.byIds(ids);
  }

  byPublisherIds(publisherIds: readonly string[]): Promise<ArticleDocument[]> {
    return this.reader.byReference('publisherId', publisherIds, { publishedAt: 1, _id: 1 });
  }

  page(request: PageRequest): Promise<Page<ArticleDocument>> {
    return this.reader.page(request);
  }
}
