import type { Store } from '../store/store';
import { CollectionReader } from '../repository/collection-reader';
import type { Ordering, PageArgs } from '../pagination/keyset';
import type { Page } from '../pagination/page';
import type { Filter } from '../store/store';
import type { ArticleDocument } from './article.model';

/** The only code that queries the `articles` collection. */
export class ArticleRepository {
  private readonly reader: CollectionReader<'articles'>;

  constructor(store: Store) {
    this.reader = new CollectionReader(store, 'articles');
  }

  byIds(ids: readonly string[]): Promise<ArticleDocument[]> {
    return this.reader.byIds(ids);
  }

  /** Articles matching a full-text search of titles and bodies, most relevant first. */
  search(text: string, limit: number, after?: Filter): Promise<Array<{ score: number; document: ArticleDocument }>> {
    return this.reader.textSearch(text, limit, after);
  }

  countSearch(text: string): Promise<number> {
    return this.reader.countText(text);
  }

  page(args: PageArgs, filter: Filter, ordering: Ordering): Promise<Page<ArticleDocument>> {
    return this.reader.page(args, filter, ordering);
  }
}
