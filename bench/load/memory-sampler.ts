/** Peak memory of this process (the server's) over a stretch of time. */
export interface MemoryPeak {
  rssMiB: number;
  heapUsedMiB: number;
}

const MIB = 2 ** 20;

/**
 * Samples `process.memoryUsage()` every `intervalMs` until stopped; returns the peaks. The
 * servers run in this process, so this is the server's memory (the store's documents included).
 */
export function sampleMemory(intervalMs = 100): { stop: () => MemoryPeak } {
  const peak: MemoryPeak = { rssMiB: 0, heapUsedMiB: 0 };
  const sample = (): void => {
    const usage = process.memoryUsage();
    peak.rssMiB = Math.max(peak.rssMiB, usage.rss / MIB);
    peak.heapUsedMiB = Math.max(peak.heapUsedMiB, usage.heapUsed / MIB);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  // Never what keeps the process alive, should a failure skip `stop`.
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peak };
    },
  };
}

/**
 * A full garbage collection when Node runs with `--expose-gc` (the bench scripts pass it), so
 * an idle reading counts live memory, not garbage waiting for the collector.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
