import type { StatementRecord } from '../../src/ingest/bundle.schema';

/** An evidence span as the bundle format spells it. */
export type EvidenceSpan = StatementRecord['evidence'][number];

/**
 * Builds an article body sentence by sentence and answers each sentence's span, so evidence
 * offsets are exact by construction: offsets count UTF-16 code units, as JavaScript's
 * `String.prototype.slice` does, which is what the format specifies.
 */
export class BodyWriter {
  private readonly parts: string[] = [];
  private length = 0;
  private sentencesInParagraph = 0;

  /** Appends a sentence (after a space, or a blank line when starting a paragraph); returns its span. */
  sentence(text: string): EvidenceSpan {
    if (this.length > 0) this.push(this.sentencesInParagraph === 0 ? '\n\n' : ' ');
    const start = this.length;
    this.push(text);
    this.sentencesInParagraph += 1;
    return { start, end: this.length, text };
  }

  /** The next sentence opens a new paragraph. */
  paragraph(): void {
    this.sentencesInParagraph = 0;
  }

  /** Sentences in the current paragraph so far. */
  get paragraphLength(): number {
    return this.sentencesInParagraph;
  }

  /** The whole body. */
  text(): string {
    return this.parts.join('');
  }

  private push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
}
