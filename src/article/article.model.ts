/** An article as stored in the `articles` collection. */
export interface ArticleDocument {
  _id: string;
  title: string;
  publisherId: string | null;
  publishedAt: Date | null;
  url: string | null;
  language: string;
  body: string;
  credits: string[];
}
