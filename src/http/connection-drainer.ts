import type http from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';

/**
 * How long a stopping server goes on accepting connections and keeping idle ones open: long
 * enough for connections and requests clients sent before the stop to be accepted and read (a
 * busy event loop reads them late), short enough not to hold the stop. What arrives meanwhile is
 * served, with `connection: close`.
 */
const LINGER_MS = 250;

export interface DrainResult {
  /** Connections still open at the end of the grace period, destroyed. */
  forced: number;
}

export interface ConnectionDrainer {
  /** True once `drain` was called. */
  readonly draining: boolean;
  /**
   * Stops accepting connections (after a short linger, so that none a client already opened is
   * reset); lets every request in progress, or already sent, finish (answered with
   * `connection: close`); closes connections as they go idle; after `graceMs` destroys whatever is
   * still open. Resolves when no connection is left.
   */
  drain(graceMs: number): Promise<DrainResult>;
}

/**
 * Tracks the connections and requests of an HTTP server so that it can stop without resetting a
 * request a client has sent. `http.Server.close` would reset two kinds: connections still in the
 * listen backlog (closing the listening socket resets them) and connections whose request is not
 * read yet (they count as idle, and are closed at once). Call before the server's request
 * handler is added, so a response is marked `connection: close` in time.
 */
export function trackConnections(server: http.Server): ConnectionDrainer {
  const requestsInProgress = new Map<Socket, number>();
  const responsesInProgress = new Set<http.ServerResponse>();
  let draining = false;
  let drained: Promise<DrainResult> | undefined;
  let onIdle: (socket: Socket) => void = () => undefined;

  server.on('connection', (socket: Socket) => {
    requestsInProgress.set(socket, 0);
    socket.once('close', () => {
      requestsInProgress.delete(socket);
      onIdle(socket);
    });
  });
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const socket = request.socket;
    requestsInProgress.set(socket, (requestsInProgress.get(socket) ?? 0) + 1);
    if (draining) response.setHeader('connection', 'close');
    responsesInProgress.add(response);
    response.once('close', () => {
      responsesInProgress.delete(response);
      if (!requestsInProgress.has(socket)) return;
      requestsInProgress.set(socket, (requestsInProgress.get(socket) ?? 1) - 1);
      onIdle(socket);
    });
  });

  const drain = (graceMs: number): Promise<DrainResult> => {
    draining = true;
    // Responses not started yet tell their client this connection ends with them.
    for (const response of responsesInProgress) if (!response.headersSent) response.setHeader('connection', 'close');
    return new Promise<DrainResult>((resolve) => {
      let secondLinger: NodeJS.Timeout | undefined;
      // A second linger before idle connections close: the last accepted ones have their requests read.
      const afterLinger = (step: () => void) => {
        secondLinger = setTimeout(() => setImmediate(step), Math.min(LINGER_MS, graceMs));
      };
      const finish = (forced: number) => {
        clearTimeout(graceTimer);
        clearTimeout(lingerTimer);
        clearTimeout(secondLinger);
        onIdle = () => undefined;
        resolve({ forced });
      };
      const closeIfIdle = (socket: Socket) => {
        if (requestsInProgress.get(socket) === 0) socket.end();
      };
      const settle = () => {
        if (!server.listening && requestsInProgress.size === 0) finish(0);
      };
      const graceTimer = setTimeout(() => {
        if (server.listening) net.Server.prototype.close.call(server);
        const forced = requestsInProgress.size;
        for (const socket of requestsInProgress.keys()) socket.destroy();
        finish(forced);
      }, graceMs);
      // Each step waits for the linger and then a poll phase of the event loop (setImmediate), where
      // pending connections are accepted and arrived data is read: the listening socket closes
      // after the first, idle connections after the second.
      const lingerTimer = setTimeout(
        () =>
          setImmediate(() => {
            // net.Server's close: stop listening, without http.Server's immediate close of idle connections.
            if (server.listening) net.Server.prototype.close.call(server);
            afterLinger(() => {
              onIdle = (socket) => {
                if (requestsInProgress.has(socket)) closeIfIdle(socket);
                settle();
              };
              for (const socket of requestsInProgress.keys()) closeIfIdle(socket);
              settle();
            });
          }),
        Math.min(LINGER_MS, graceMs),
      );
    });
  };

  return {
    get draining() {
      return draining;
    },
    drain(graceMs) {
      drained ??= drain(graceMs);
      return drained;
    },
  };
}
