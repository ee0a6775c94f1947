/**
 * The HTTP load generator, run as a child process of the bench runner (never in the server's
 * process, so the client's work does not eat into the server's CPU time or skew its memory).
 * It takes LoadCommands over IPC, drives the URL with autocannon, and answers LoadReplies. It
 * exits when the runner disconnects.
 */
import autocannon from 'autocannon';
import { percentile } from '../stats';
import type { LoadCommand, LoadMeasurement, LoadReply } from './load-protocol';

function drive(command: LoadCommand): Promise<LoadMeasurement> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let responses = 0;
    const instance = autocannon(
      {
        url: command.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: command.body,
        connections: command.connections,
        pipelining: 1,
        duration: command.seconds,
        timeout: command.timeoutSeconds,
        // The end of the run is noticed at a sample tick; the default (1 s) would overshoot short rounds.
        sampleInt: 50,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: responses,
          seconds: result.duration,
          requestsPerSecond: responses / Math.max(result.duration, 1e-9),
          // Our own percentiles over every response: autocannon's histogram rounds to whole milliseconds.
          p50Ms: percentile(latencies, 50),
          p99Ms: percentile(latencies, 99),
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    // Counted here: the aggregated result reports requests as histograms, not a plain total.
    instance.on('response', (_client, statusCode, _bytes, milliseconds) => {
      responses += 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(milliseconds);
    });
  });
}

process.on('message', (message: LoadCommand) => {
  drive(message).then(
    (measurement) => process.send?.({ id: message.id, measurement } satisfies LoadReply),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) } satisfies LoadReply),
  );
});
process.on('disconnect', () => process.exit(0));
