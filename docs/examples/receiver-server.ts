// A receiver's own node:http server: its own routes, with the BaRS validator mounted under /bars.
import { createServer, type Server } from 'node:http';
import { createValidator } from 'bars-validator';
import { createHttpHandler } from 'bars-validator/http';

export async function createReceiverServer(): Promise<Server> {
  const validator = await createValidator();
  const bars = createHttpHandler({ validator, maxBodyBytes: 1_000_000 });

  return createServer(async (req, res) => {
    const url = req.url ?? '/';
    if (url === '/health') {
      res.end('ok'); // one of the receiver's own routes
      return;
    }
    if (!url.startsWith('/bars/')) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > bars.maxBodyBytes) {
        const tooLarge = bars.reject({ url, headers: req.headers }, 'body-too-large'); // 413 + OperationOutcome
        res.writeHead(tooLarge.status, tooLarge.headers).end(tooLarge.body);
        return;
      }
      chunks.push(chunk);
    }
    const answer = await bars.handle({ method: req.method ?? 'GET', url: url.slice('/bars'.length), headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
}
