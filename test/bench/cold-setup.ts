/** Child process of the benchmark: one createValidator() in a fresh Node, timed; prints JSON. */
import { createValidator } from '../../src/api/index.js';

const t0 = performance.now();
await createValidator();
const setupMs = performance.now() - t0;
process.stdout.write(JSON.stringify({ setupMs, processMs: process.uptime() * 1000, rssMb: process.memoryUsage().rss / 2 ** 20 }));
