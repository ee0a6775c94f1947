import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { currentRequest } from './request-scope';

export type { Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level: string;
  format: LogFormat;
  /** Where lines go; standard output when absent (tests pass a stream to read them back). */
  destination?: DestinationStream;
}

/**
 * The process's logger: one JSON object per line in production, coloured readable lines in
 * development. Every line written while a request is being served carries its `reqId`.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination =
    options.format === 'pretty'
      ? pretty({ destination: options.destination ?? 1, sync: true, colorize: options.destination === undefined && process.stdout.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' })
      : (options.destination ?? pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const request = currentRequest();
        return request ? { reqId: request.id } : {};
      },
    },
    destination,
  );
}

/** A logger that writes nothing (tests and benchmarks that do not read logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
