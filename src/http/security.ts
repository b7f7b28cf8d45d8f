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
 * No upgrade-insecure-requests and no HSTS: the server speaks plain HTTP on
 * the warehouse network (phones reach it at http://<address>:3000); a TLS
 * proxy in front sets HSTS itself.
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

export const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  xContentTypeOptions: true,
};
