import type { LoadProgress } from '../src/ingest/load-bundles';

/** Redraws at most this often on a terminal. */
const REDRAW_MS = 100;
/** Prints a plain line at most this often otherwise. */
const LINE_MS = 5000;
const BAR_WIDTH = 30;

/**
 * Shows loader progress: a redrawn bar on a terminal, plain lines (one per phase start, end and
 * every few seconds) when the output is a file or a pipe.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): { update: (progress: LoadProgress) => void; done: () => void } {
  const started = performance.now();
  let lastDraw = 0;
  let lastPhase: LoadProgress['phase'] | undefined;
  let drawn = false;
  const describe = (progress: LoadProgress): string => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(progress.documents / seconds) : 0;
    if (progress.phase === 'committing') return `committing ${progress.documents.toLocaleString('en')} documents: cross-file checks, then indexes (${seconds.toFixed(1)} s so far)`;
    return `${progress.phase} ${progress.filesDone}/${progress.filesTotal} files, ${progress.documents.toLocaleString('en')} documents (${rate.toLocaleString('en')}/s)`;
  };
  return {
    update(progress) {
      const now = performance.now();
      const phaseChanged = progress.phase !== lastPhase;
      const finished = progress.filesDone === progress.filesTotal;
      if (stream.isTTY) {
        if (!phaseChanged && !finished && now - lastDraw < REDRAW_MS) return;
        const filled = Math.round((progress.filesDone / Math.max(progress.filesTotal, 1)) * BAR_WIDTH);
        stream.write(`\r[${'='.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${describe(progress)}\x1b[K`);
        drawn = true;
      } else if (phaseChanged || finished || now - lastDraw >= LINE_MS) {
        stream.write(`${describe(progress)}\n`);
      }
      lastDraw = now;
      lastPhase = progress.phase;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
