/**
 * node:http adapter for the handler: streams the body with the size limit (413 as soon as it is
 * exceeded, without reading the rest), answers 408 when a request is not received and answered
 * in time, and shuts down gracefully (stop accepting, let in-flight requests finish, then close
 * what the service owns, e.g. its Redis store).
 *
 * A 413 or 408 goes out while the client may still be sending: its answer is written at once
 * (with Content-Length, so the client has all of it) but finished — and the connection closed —
 * only once the rest of the body has come, a bounded amount of it has been read and dropped, or a
 * short linger has passed. Closing straight away, with the client's bytes unread, makes the
 * kernel reset the connection, and a client still writing then loses the answer (EPIPE).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler } from './handler.js';
import type { HttpRequest, HttpResponse } from './types.js';

/** 30 s from the request's headers to its answer: a slow sender cannot hold a connection longer. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** A body we refused is still read (and dropped) up to this much, so the client can read our answer. */
const DISCARD_AT_LEAST = 1024 * 1024;
/** How long a refused request's connection is kept (reading and dropping) before it is closed. */
const LINGER_MS = 2_000;
/** How long shutdown waits for in-flight requests before closing their connections. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface NodeListenerOptions {
  requestTimeoutMs?: number;
  /** Told of unexpected errors (the client sees an OperationOutcome). */
  onError?: (error: unknown) => void;
  /** True once shutdown has begun: answers then close their connection instead of keeping it alive. */
  closing?: () => boolean;
}

function send(res: ServerResponse, response: HttpResponse): void {
  if (res.headersSent || res.writableEnded) return;
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'Content-Length': String(body.byteLength) });
  res.end(body);
}

/**
 * Writes the whole answer to a request whose body is still arriving, then reads and drops the
 * rest of the body; the response is finished (and, being `Connection: close`, its connection
 * closed by node) when the body ends, after `limit` more bytes, or after LINGER_MS.
 */
function sendThenDrain(req: IncomingMessage, res: ServerResponse, response: HttpResponse, limit: number): void {
  if (res.headersSent || res.writableEnded) return;
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'Content-Length': String(body.byteLength) });
  res.write(body);
  if (req.complete) {
    res.end(); // the body had all come (a time-out while the handler was working)
    return;
  }
  let discarded = 0;
  const finish = (): void => {
    clearTimeout(linger);
    if (!res.writableEnded) res.end();
  };
  const linger = setTimeout(finish, LINGER_MS);
  linger.unref();
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.byteLength;
    if (discarded > limit) finish();
  });
  req.once('end', finish);
  req.once('error', finish);
  req.resume();
}

/** A `(req, res)` listener for node:http (or anything that speaks its request/response objects). */
export function createNodeListener(handler: HttpHandler, options: NodeListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const max = handler.maxBodyBytes;
  return (req, res) => {
    const request = { url: req.url ?? '/', headers: req.headers };
    let answered = false;
    const answer = (response: HttpResponse, close = false): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (close) res.once('finish', () => req.socket.end());
      send(res, options.closing?.() ? { ...response, headers: { ...response.headers, Connection: 'close' } } : response);
    };
    /** Answers a request cut short (413, 408) while its body may still be coming. */
    const refuse = (reason: 'body-too-large' | 'timeout'): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      sendThenDrain(req, res, handler.reject(request, reason), Math.max(max, DISCARD_AT_LEAST));
    };
    const timer = setTimeout(() => refuse('timeout'), timeoutMs);
    timer.unref();

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      refuse('body-too-large');
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (answered) return;
      size += chunk.byteLength;
      if (size > max) {
        chunks.length = 0;
        refuse('body-too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      // A client that goes away after its answer (e.g. one that stops sending a refused body) is no fault of the service.
      if (answered) return;
      options.onError?.(error);
      answer(handler.reject(request, 'error'), true);
    });
    req.on('end', () => {
      if (answered) return;
      const body: HttpRequest['body'] = chunks.length > 0 ? new Uint8Array(Buffer.concat(chunks)) : undefined;
      handler
        .handle({ method: req.method ?? 'GET', url: request.url, headers: req.headers, body })
        .then((response) => answer(response))
        .catch((error: unknown) => {
          options.onError?.(error);
          answer(handler.reject(request, 'error'));
        });
    });
  };
}

export interface ServeOptions extends NodeListenerOptions {
  handler: HttpHandler;
  /** Port to listen on; 0 picks a free one (see `port` of the result). Default 8080. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback only; pass 0.0.0.0 to serve others). */
  host?: string;
  shutdownGraceMs?: number;
  /** Called once after the server has stopped (close stores and clients here). */
  onClose?: () => void | Promise<void>;
}

export interface RunningServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  /** `http://host:port`, for logs and clients. */
  readonly url: string;
  /** Stops accepting, waits for in-flight requests (up to the grace period), then runs onClose. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  let closing: Promise<void> | undefined;
  const server = createServer(createNodeListener(options.handler, { ...options, closing: () => closing !== undefined }));
  // Node's own timers would answer with bare text; ours answers with an OperationOutcome first.
  server.requestTimeout = timeoutMs + 5_000;
  server.headersTimeout = Math.min(timeoutMs, 60_000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    host,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        await stopped;
        clearTimeout(force);
        await options.onClose?.();
      })();
      return closing;
    },
  };
}

/** Closes the server on SIGTERM or SIGINT (once); returns a function that removes the listeners. */
export function closeOnSignals(running: Pick<RunningServer, 'close'>, onSignal?: (signal: NodeJS.Signals) => void): () => void {
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  const listener = (signal: NodeJS.Signals): void => {
    remove();
    onSignal?.(signal);
    void running.close();
  };
  const remove = (): void => {
    for (const signal of signals) process.off(signal, listener);
  };
  for (const signal of signals) process.once(signal, listener);
  return remove;
}
