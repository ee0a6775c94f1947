import { parseBundleFile } from '../src/ingest/parse-bundle-file';
import { seedBundle } from './support/bundles';

/** The problems the loader finds in a bundle file holding the seed with `change` made to it. */
function problemsWith(change: (bundle: ReturnType<typeof seedBundle>) => void): Array<{ path?: string; message: string }> {
  const bundle = seedBundle();
  change(bundle);
  return parseBundleFile('/bundles/seed.json', JSON.stringify(bundle)).problems.map(({ path, message }) => ({ path, message }));
}

describe('dates and web addresses in a bundle', () => {
  it('refuses a date that is not on the calendar, naming the field and what it found', () => {
    expect(problemsWith((bundle) => (bundle.reports[0]!.publishedAt = '2024-02-30'))).toEqual([
      {
        path: '$.reports[0].publishedAt',
        message:
          'expected a real calendar date in ISO-8601 form: a date (2024-10-21) or a date-time with seconds and zone (2024-10-21T18:00:00Z, 2024-10-21T18:00:00+09:00); found "2024-02-30"',
      },
    ]);
  });

  it('refuses a date-time without seconds or without a zone', () => {
    const madeAt = (value: string) => problemsWith((bundle) => (bundle.statements[0]!.madeAt = value)).map((problem) => problem.path);
    expect(madeAt('2024-10-21T18:00Z')).toEqual(['$.statements[0].madeAt']);
    expect(madeAt('2024-10-21T18:00:00')).toEqual(['$.statements[0].madeAt']);
    expect(madeAt('2024-10-21T18:00:00.5+09:00')).toEqual([]);
    expect(madeAt('2024-02-29')).toEqual([]);
  });

  it('refuses a web address with spaces around it rather than storing another one', () => {
    expect(problemsWith((bundle) => (bundle.articles[0]!.url = ' https://example.org/news/1'))).toEqual([
      { path: '$.articles[0].url', message: 'expected a web address without spaces; found " https://example.org/news/1"' },
    ]);
    expect(problemsWith((bundle) => (bundle.articles[0]!.url = 'example.org/news/1'))).toEqual([
      { path: '$.articles[0].url', message: 'expected an absolute web address such as "https://example.org/news/1"; found "example.org/news/1"' },
    ]);
    const kept = seedBundle();
    kept.articles[0]!.url = 'HTTPS://Example.org/News/1';
    expect(parseBundleFile('/bundles/seed.json', JSON.stringify(kept)).bundle?.articles[0]?.url).toBe('HTTPS://Example.org/News/1');
  });
});
