/**
 * `bars-validate serve [--port N] [--host H] [--redis URL] [--max-body BYTES] [--timeout MS] [--ig <path>]...`
 * Runs the HTTP service (src/http) until SIGTERM or SIGINT, then shuts down gracefully: stops
 * accepting, lets in-flight requests finish, closes the Redis store. Exit 0 after a clean
 * shutdown, 2 for a usage error, 1 when the service cannot start (port taken, Redis unreachable).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createValidator } from '../../api/index.js';
import { createHttpHandler, DEFAULT_MAX_BODY_BYTES, type StatusCheck } from '../../http/handler.js';
import { closeOnSignals, DEFAULT_REQUEST_TIMEOUT_MS, startServer } from '../../http/node-server.js';
import { connectRedisStore, type ConnectedRedisStore } from '../../http/redis-store.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';

const USAGE = `Usage: bars-validate serve [--port N] [--host H] [--redis URL] [--max-body BYTES] [--timeout MS] [--ig <path>]...

Runs the validator as an HTTP service:
  POST /$validate          validate any FHIR resource (?profile=<canonical>, repeatable)
  POST /$process-message   the BaRS receiver verdict: status + OperationOutcome
  GET  /metadata           the service's CapabilityStatement
  GET  /_status            health (and the Redis store's, with --redis)
Bodies are application/fhir+json or application/fhir+xml; answers follow Accept.
  --port N          port to listen on (default 8080; 0 picks a free one)
  --host H          interface to listen on (default 127.0.0.1; 0.0.0.0 for all)
  --redis URL       keep X-Request-IDs in Redis (redis://host:port) so several instances share them;
                    default: in memory, per process
  --max-body BYTES  largest request body (default ${DEFAULT_MAX_BODY_BYTES}); larger gets 413
  --timeout MS      time from a request's headers to its answer (default ${DEFAULT_REQUEST_TIMEOUT_MS}); then 408
  --ig <path>       extra conformance resources: a folder, a file or a package .tgz (repeatable)
Stops on SIGTERM or SIGINT after finishing the requests in flight.`;

interface ServeArgs {
  port: number;
  host: string;
  redis?: string;
  maxBody: number;
  timeout: number;
  igs: string[];
}

function wholeNumber(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} needs a whole number (not '${text}')`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max}`);
  return value;
}

function parseArgs(args: string[]): ServeArgs {
  const parsed: ServeArgs = { port: 8080, host: '127.0.0.1', maxBody: DEFAULT_MAX_BODY_BYTES, timeout: DEFAULT_REQUEST_TIMEOUT_MS, igs: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') parsed.port = wholeNumber(flag, value(), 0, 65535);
    else if (flag === '--host') parsed.host = value();
    else if (flag === '--redis') parsed.redis = value();
    else if (flag === '--max-body') parsed.maxBody = wholeNumber(flag, value(), 1);
    else if (flag === '--timeout') parsed.timeout = wholeNumber(flag, value(), 1);
    else if (flag === '--ig') parsed.igs.push(value());
    else throw new UsageError(`unknown option '${arg}'`);
  }
  return parsed;
}

function packageVersion(): string | undefined {
  try {
    // src/cli/commands and dist/cli/commands are both three levels below the package root.
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version;
  } catch {
    return undefined;
  }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the HTTP service: $validate, $process-message, /metadata, /_status',
  usage: USAGE,
  async run(args, io) {
    const options = parseArgs(args);
    const log = (line: string): void => io.stderr(`bars-validate serve: ${line}\n`);
    let store: ConnectedRedisStore | undefined;
    if (options.redis) {
      try {
        store = await connectRedisStore(options.redis, { onError: (error) => log(`Redis: ${error instanceof Error ? error.message : String(error)}`) });
      } catch (error) {
        log(error instanceof Error ? error.message : String(error));
        return 1;
      }
    }
    const validator = await createValidator({ igPaths: options.igs.map((p) => resolve(io.cwd, p)) });
    const statusChecks: Record<string, StatusCheck> = store ? { 'redis:store': () => store.ping() } : {};
    const handler = createHttpHandler({
      validator,
      store: store ?? undefined,
      maxBodyBytes: options.maxBody,
      softwareVersion: packageVersion(),
      statusChecks,
      onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`),
    });
    let running;
    try {
      running = await startServer({ handler, port: options.port, host: options.host, requestTimeoutMs: options.timeout, onClose: () => store?.close() });
    } catch (error) {
      log(`cannot listen on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}`);
      await store?.close();
      return 1;
    }
    closeOnSignals(running, (signal) => log(`${signal}: finishing requests in flight, then stopping`));
    io.stdout(`listening on ${running.url} (duplicate requests kept ${store ? `in Redis at ${options.redis}` : 'in memory'})\n`);
    const server = running.server;
    await new Promise<void>((done) => server.once('close', () => done()));
    await running.close(); // the same shutdown the signal started: waits for the store to close
    log('stopped');
    return 0;
  },
};
