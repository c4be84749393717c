/** Test clients for the HTTP service over a real socket: fetch for ordinary requests, raw TCP for slow ones. */
import { connect, type Socket } from 'node:net';
import { request as httpRequest } from 'node:http';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown> & { issue?: Array<Record<string, unknown>> };
}

export async function send(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {}): Promise<Answer> {
  const response = await fetch(base + path, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers: init.headers, body: init.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Sends the body in chunks with no Content-Length (chunked transfer), as a streaming client would. */
export function sendChunked(base: string, path: string, headers: Record<string, string>, chunks: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(base + path, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** A raw HTTP/1.1 connection: write a request in pieces, read the whole answer until the server closes or answers. */
export interface RawConnection {
  socket: Socket;
  write(text: string): void;
  /** Resolves with the response text once a full response (headers + Content-Length body) has arrived. */
  response(): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

export function openRaw(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const waiters: Array<() => void> = [];
    socket.on('data', (d: Buffer) => {
      received += d.toString('utf8');
      for (const w of waiters.splice(0)) w();
    });
    socket.on('close', () => {
      for (const w of waiters.splice(0)) w();
    });
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        socket,
        write: (text) => socket.write(text),
        response: () =>
          new Promise((done, fail) => {
            const check = (): void => {
              const end = received.indexOf('\r\n\r\n');
              if (end >= 0) {
                const [statusLine, ...lines] = received.slice(0, end).split('\r\n');
                const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
                const length = Number(headers['content-length'] ?? 0);
                const body = received.slice(end + 4);
                if (Buffer.byteLength(body) >= length) return done({ status: Number(statusLine.split(' ')[1]), headers, body });
              }
              if (socket.destroyed) return fail(new Error(`connection closed after ${JSON.stringify(received.slice(0, 200))}`));
              waiters.push(check);
            };
            check();
          }),
      }),
    );
  });
}

/** Whether a new TCP connection to the port is accepted. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** What a streamed upload got back, and how much of the body had been written when the answer came. */
export interface StreamedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Body bytes handed to the socket before the response's headers arrived. */
  bytesSentBeforeAnswer: number;
  bodyBytes: number;
}

/**
 * POSTs a large body in 1 MiB pieces (with backpressure), declared by Content-Length or sent
 * chunked, and stops writing as soon as the server answers: a server that buffered the whole
 * body before answering would see all of it first. Errors on the request after the answer (the
 * server dropping the connection of a body it refused) are expected and ignored.
 */
export function sendStreaming(base: string, path: string, headers: Record<string, string>, body: string | Uint8Array, declareLength: boolean): Promise<StreamedAnswer> {
  const bytes = typeof body === 'string' ? undefined : body;
  const bodyBytes = bytes ? bytes.byteLength : Buffer.byteLength(body as string);
  const PIECE = 1024 * 1024;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered: number | undefined;
    const req = httpRequest(base + path, { method: 'POST', headers: declareLength ? { ...headers, 'Content-Length': String(bodyBytes) } : headers }, (res) => {
      answered ??= sent;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        req.destroy(); // the rest of the body is not wanted
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8'), bytesSentBeforeAnswer: answered!, bodyBytes });
      });
      res.on('error', reject);
    });
    req.on('response', () => (answered ??= sent));
    req.on('error', (error) => {
      if (answered === undefined) reject(error);
    });
    const piece = (offset: number): Buffer =>
      bytes ? Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.min(PIECE, bytes.byteLength - offset)) : Buffer.from((body as string).slice(offset, offset + PIECE), 'utf8');
    // Offsets count UTF-16 units for text; the bodies streamed here are ASCII, where they are bytes.
    const total = bytes ? bytes.byteLength : (body as string).length;
    let offset = 0;
    const pump = (): void => {
      while (answered === undefined && !req.destroyed && offset < total) {
        const chunk = piece(offset);
        offset += PIECE;
        sent += chunk.byteLength;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (answered === undefined && offset >= total) req.end();
    };
    pump();
  });
}
