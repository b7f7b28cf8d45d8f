/**
 * Security headers of every answer (issue 11 point 10), through @fastify/helmet.
 *
 * The CSP is what the built web app needs and nothing more: its scripts and
 * styles are files of our own origin (Vite emits no inline script or style;
 * React sets style properties through the DOM, which style-src does not
 * govern); the camera scanner compiles the ZXing WebAssembly we serve
 * ('wasm-unsafe-eval', not 'unsafe-eval'); the favicon is a data: URL; photos
 * to decode may be blob: URLs. No framing by anyone (clickjacking).
 *
 * HSTS only when the server itself speaks HTTPS (INVENTAR_TLS or
 * INVENTAR_TLS_CERT/KEY, see tls.ts); on plain HTTP (the default) there is
 * none, and a TLS proxy in front sets it itself. No upgrade-insecure-requests.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** HSTS: half a year, this host only (a LAN address or name has no subdomains to speak of). */
export const HSTS = { maxAge: 15_552_000, includeSubDomains: false, preload: false };

export const helmetOptions = (tls: boolean): FastifyHelmetOptions => ({
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  strictTransportSecurity: tls ? HSTS : false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  xContentTypeOptions: true,
});

export const HELMET_OPTIONS: FastifyHelmetOptions = helmetOptions(false);
