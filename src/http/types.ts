/**
 * The framework-agnostic shapes the HTTP handler speaks: any server (node:http, a framework, a
 * serverless function) turns its request into an HttpRequest and writes the HttpResponse back.
 */
import type { HeaderInput } from '../bars/headers.js';

export interface HttpRequest {
  method: string;
  /** Path and query, e.g. `/$validate?profile=...` (an absolute URL is accepted too). */
  url: string;
  headers: HeaderInput;
  /** The request body as text or raw bytes (decoded as UTF-8); absent for GET. */
  body?: string | Uint8Array;
}

export interface HttpResponse {
  status: number;
  /** Header names as they should be sent (e.g. `Content-Type`, `X-Request-ID`). */
  headers: Record<string, string>;
  body: string;
}
