import type http from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';

/**
 * How long a connection with no request in progress is kept open after a stop begins: long
 * enough for requests already sent to be read (a busy event loop reads them late), short
 * enough not to hold the stop. A connection that starts a request meanwhile is served.
 */
const IDLE_LINGER_MS = 250;

export interface DrainResult {
  /** Connections still open at the end of the grace period, destroyed. */
  forced: number;
}

export interface ConnectionDrainer {
  /** True once `drain` was called. */
  readonly draining: boolean;
  /**
   * Stops accepting connections; lets every request in progress, or already sent on an open
   * connection, finish (answered with `connection: close`); closes connections as they go idle;
   * after `graceMs` destroys whatever is still open. Resolves when no connection is left.
   */
  drain(graceMs: number): Promise<DrainResult>;
}

/**
 * Tracks the connections and requests of an HTTP server so that it can stop without resetting a
 * request a client has sent. (`http.Server.close` closes idle connections at once, and a
 * connection whose request is still unread in its socket counts as idle.) Call before the
 * server's request handler is added, so a response is marked `connection: close` in time.
 */
export function trackConnections(server: http.Server): ConnectionDrainer {
  const requestsInProgress = new Map<Socket, number>();
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
    response.once('close', () => {
      if (!requestsInProgress.has(socket)) return;
      requestsInProgress.set(socket, (requestsInProgress.get(socket) ?? 1) - 1);
      onIdle(socket);
    });
  });

  const drain = (graceMs: number): Promise<DrainResult> => {
    draining = true;
    // net.Server's close stops listening without http.Server's immediate close of idle connections.
    if (server.listening) net.Server.prototype.close.call(server);
    return new Promise<DrainResult>((resolve) => {
      const finish = (forced: number) => {
        clearTimeout(graceTimer);
        clearTimeout(lingerTimer);
        onIdle = () => undefined;
        resolve({ forced });
      };
      const closeIfIdle = (socket: Socket) => {
        if (requestsInProgress.get(socket) === 0) socket.end();
      };
      const settle = () => {
        if (requestsInProgress.size === 0) finish(0);
      };
      const graceTimer = setTimeout(() => {
        const forced = requestsInProgress.size;
        for (const socket of requestsInProgress.keys()) socket.destroy();
        finish(forced);
      }, graceMs);
      // The linger ends after a poll phase (setImmediate), so data that arrived in the meantime is read first.
      const lingerTimer = setTimeout(
        () =>
          setImmediate(() => {
            onIdle = (socket) => {
              if (requestsInProgress.has(socket)) closeIfIdle(socket);
              settle();
            };
            for (const socket of requestsInProgress.keys()) closeIfIdle(socket);
            settle();
          }),
        Math.min(IDLE_LINGER_MS, graceMs),
      );
      onIdle = () => settle();
      settle();
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
