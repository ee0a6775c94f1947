import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { CollectionName } from '../store/collections';
import type { StoredDocument } from '../store/store';
import type { Bundle } from './bundle.schema';
import { bundleFacts, noFacts, type FileFacts } from './bundle-facts';
import { parseBundleFile, type InvalidRecord } from './parse-bundle-file';
import type { Problem } from './problem';
import { actorDocument, articleDocument, claimLinksOf, reportDocument, statementDocument } from './to-documents';

/** One file, read and validated: what the run index needs, without the records themselves. */
export interface BundleRead {
  file: string;
  /** Size in bytes. */
  bytes: number;
  /** SHA-256 of the bytes, when asked for (a second pass checks the file did not change). */
  digest: string | undefined;
  problems: Problem[];
  invalidRecords: InvalidRecord[];
  /** True when the file is a bundle (even if some of its records are invalid). */
  usable: boolean;
  /** Facts of the valid records, in write order. */
  facts: FileFacts;
}

/** A file read on this thread: with its valid records. */
export interface DecodedBundleRead extends BundleRead {
  bundle: Bundle | undefined;
}

/** A file read on a worker thread: its valid records as stored documents, per collection, in facts order. */
export interface DocumentsBundleRead extends BundleRead {
  documents: Record<CollectionName, StoredDocument[]> | undefined;
}

/** A digest of a file's bytes, to be sure a second pass writes exactly what the first validated. */
export function digestOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** Reads, parses and validates one file, and derives the facts of its valid records. */
export async function readBundleFile(file: string, options: { digest: boolean }): Promise<DecodedBundleRead> {
  const bytes = await fs.readFile(file);
  const { bundle, positions, problems, invalidRecords } = parseBundleFile(file, bytes.toString('utf8'));
  return {
    file,
    bytes: bytes.length,
    digest: options.digest ? digestOf(bytes) : undefined,
    problems,
    invalidRecords,
    usable: bundle !== undefined,
    facts: bundle ? bundleFacts(bundle, positions) : noFacts(),
    bundle,
  };
}

/** The stored documents of a bundle's valid records, per collection; in that order, they match its facts. */
export function documentsOfBundle(bundle: Bundle): Record<CollectionName, StoredDocument[]> {
  const claimLinks = claimLinksOf(bundle.statements);
  return {
    actors: bundle.actors.map(actorDocument),
    reports: bundle.reports.map((report) => reportDocument(report, claimLinks)),
    articles: bundle.articles.map(articleDocument),
    statements: bundle.statements.map(statementDocument),
  };
}

/** As `readBundleFile`, with the documents of the records instead of the records (for a reader thread). */
export async function readBundleDocuments(file: string): Promise<DocumentsBundleRead> {
  const { bundle, ...read } = await readBundleFile(file, { digest: false });
  return { ...read, documents: bundle && read.problems.length === 0 ? documentsOfBundle(bundle) : undefined };
}
