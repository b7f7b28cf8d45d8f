/**
 * When the server speaks HTTPS, plain HTTP gets a second port of its own
 * (INVENTAR_HTTP_REDIRECT_PORT, default PORT+1) whose only answer is a 308 to
 * the HTTPS URL: same host name, the HTTPS port, same path and query. A bare
 * node:http server, no routes, no database: nothing to protect on it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { redirectLocation } from './tls.ts';

export interface RedirectServer {
  port: number;
  close: () => Promise<void>;
}

export async function startRedirectServer(options: { port: number; host: string; httpsPort: number }): Promise<RedirectServer> {
  const server = http.createServer((req, res) => {
    const location = redirectLocation(req.headers.host, req.url, options.httpsPort);
    if (!location) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Use HTTPS / Folosiți HTTPS\n');
      return;
    }
    res.writeHead(308, { location, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${location}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
