/**
 * Joining a phone (issue 14 point 2): `GET /api/connect` gives a supervisor the
 * LAN URLs of the counting app, the certificate's fingerprint and a QR code of
 * the first URL; `GET /ca.crt` (public, outside /api) serves the certificate a
 * phone installs to trust the self-signed HTTPS.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { InventarError } from '../../core/errors.ts';
import { fingerprintOf, lanAddresses, type TlsFiles } from '../tls.ts';

/** Where the counting app lands: the counter's lists (App.tsx, '/count'). */
export const COUNT_PATH = '/count';

const tags = ['connect'];
const WILDCARD = new Set(['0.0.0.0', '::', '::0']);

/** The hosts a phone may use: the LAN addresses when the server listens on every interface, else the one address it listens on. */
function hostsOf(request: FastifyRequest): { hosts: string[]; port: number | undefined } {
  const bound = request.server.server.address();
  if (bound && typeof bound === 'object') {
    const hosts = WILDCARD.has(bound.address) ? lanAddresses() : [bound.address];
    if (hosts.length > 0) return { hosts: hosts.map((h) => (h.includes(':') ? `[${h}]` : h)), port: bound.port };
  }
  // not listening (tests through inject) or no LAN address: the host the supervisor reached us at
  const host = request.headers.host ?? 'localhost';
  const url = new URL(`http://${host}`);
  return { hosts: [url.hostname], port: url.port ? Number(url.port) : undefined };
}

/** GET /ca.crt: on the root instance, before the web app's catch-all. */
export async function caCertRoute(app: FastifyInstance, tls: TlsFiles | undefined): Promise<void> {
  app.get('/ca.crt', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    if (!tls) throw new InventarError('INV_ERR_ROUTE_NOT_FOUND');
    return reply
      .type('application/x-x509-ca-cert')
      .header('content-disposition', 'attachment; filename="inventar-ca.crt"')
      .header('cache-control', 'no-cache')
      .send(tls.cert);
  });
}

/** GET /api/connect: inside the /api plugin (its permission is walked with the others). */
export async function connectRoutes(api: FastifyInstance, tls: TlsFiles | undefined): Promise<void> {
  const fingerprint = tls ? fingerprintOf(tls.cert) : null;
  api.get(
    '/api/connect',
    {
      config: { permission: 'inventory' },
      schema: {
        tags,
        summary: 'LAN URLs of the counting app, the certificate fingerprint and their QR codes',
        response: {
          200: {
            type: 'object',
            required: ['urls', 'fingerprint', 'qrSvg', 'qrSvgs', 'https'],
            properties: {
              urls: { type: 'array', items: { type: 'string' } },
              fingerprint: { type: ['string', 'null'] },
              qrSvg: { type: 'string', description: 'QR code (SVG) of urls[0]' },
              qrSvgs: { type: 'array', items: { type: 'string' }, description: 'QR code (SVG) of each URL, in the order of urls' },
              https: { type: 'boolean' },
              certificateUrl: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { hosts, port } = hostsOf(request);
      const scheme = tls ? 'https' : 'http';
      const defaultPort = tls ? 443 : 80;
      const origins = hosts.map((h) => `${scheme}://${h}${port === undefined || port === defaultPort ? '' : `:${port}`}`);
      const urls = origins.map((o) => `${o}${COUNT_PATH}`);
      const qrSvgs = await Promise.all(urls.map((u) => QRCode.toString(u, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })));
      reply.header('cache-control', 'no-store');
      return { urls, fingerprint, qrSvg: qrSvgs[0], qrSvgs, https: tls !== undefined, certificateUrl: tls ? `${origins[0]}/ca.crt` : null };
    },
  );
}
