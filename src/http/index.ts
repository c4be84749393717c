/**
 * The HTTP service: the framework-agnostic handler, the node:http adapter and the Redis store.
 *
 * @module bars-validator/http
 */
export { createHttpHandler, DEFAULT_MAX_BODY_BYTES, type HttpHandler, type HttpHandlerOptions, type RejectReason, type StatusCheck } from './handler.js';
export { createNodeListener, startServer, closeOnSignals, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_SHUTDOWN_GRACE_MS, type NodeListenerOptions, type RunningServer, type ServeOptions } from './node-server.js';
export { createRedisStore, connectRedisStore, type ConnectedRedisStore, type ConnectRedisOptions, type RedisScriptClient, type RedisStoreOptions } from './redis-store.js';
export { StoreUnavailableError } from './store-errors.js';
export { buildCapabilityStatement, type CapabilityOptions } from './capability.js';
export type { HttpRequest, HttpResponse } from './types.js';
