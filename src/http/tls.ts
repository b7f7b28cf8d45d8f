/**
 * HTTPS on the warehouse network (issue 14 point 1): phones give the camera
 * only to secure origins.
 *
 * - INVENTAR_TLS_CERT + INVENTAR_TLS_KEY name PEM files: they are served as they are.
 * - INVENTAR_TLS=self-signed: a certificate made once by `selfsigned` (no
 *   hand-written crypto) for the LAN IPv4 addresses, localhost, 127.0.0.1 and
 *   the host name, kept in <data folder>/tls/ (key mode 0600) and reused on
 *   every later start.
 * - neither: plain HTTP, as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';

export interface TlsFiles {
  key: string;
  cert: string;
  /** where they came from: the operator's PEM files or the generated self-signed pair */
  source: 'files' | 'self-signed';
}

/** Virtual bridges (containers, VMs) a phone never reaches. */
const VIRTUAL = /^(docker|br-|veth|virbr|vboxnet|vmnet|cni|flannel|cali|tun|tap|wg)/;

/** Private ranges first (192.168, 10, 172.16/12), then the rest: the first is the one a QR code shows. */
const rank = (ip: string) => (ip.startsWith('192.168.') ? 0 : ip.startsWith('10.') ? 1 : /^172\.(1[6-9]|2\d|3[01])\./.test(ip) ? 2 : 3);

/** The machine's non-internal IPv4 addresses a phone on the Wi-Fi may reach (no link-local, no container or VM bridge). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const [name, list] of Object.entries(os.networkInterfaces())) {
    if (VIRTUAL.test(name)) continue;
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.') && !out.includes(a.address)) out.push(a.address);
  }
  return out.sort((a, b) => rank(a) - rank(b));
}

/** "SHA-256 AB:CD:…" of a PEM certificate (the first of a chain). */
export function fingerprintOf(certPem: string): string {
  return `SHA-256 ${new X509Certificate(certPem).fingerprint256}`;
}

/** The data folder: next to the SQLite file; ./data for PostgreSQL. */
export function dataFolderOf(dbUrl: string): string {
  return /^postgres(ql)?:\/\//.test(dbUrl) ? path.resolve('data') : path.dirname(path.resolve(dbUrl));
}

async function makeSelfSigned(dir: string): Promise<{ key: string; cert: string }> {
  const { generate } = await import('selfsigned');
  const host = os.hostname();
  const ips = [...new Set(['127.0.0.1', ...lanAddresses()])];
  const dns = [...new Set(['localhost', host])];
  const notAfter = new Date();
  notAfter.setFullYear(notAfter.getFullYear() + 2);
  const pems = await generate([{ name: 'commonName', value: `Inventar ${host}` }, { name: 'organizationName', value: 'Inventar (self-signed)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      // a CA of its own, so a phone may install it as a trusted CA certificate (Android, iOS)
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, 'key.pem'), pems.private, { mode: 0o600 });
  fs.chmodSync(path.join(dir, 'key.pem'), 0o600);
  fs.writeFileSync(path.join(dir, 'cert.pem'), pems.cert, { mode: 0o644 });
  return { key: pems.private, cert: pems.cert };
}

/**
 * What the environment asks for: PEM files, a self-signed pair (made once in
 * <dataFolder>/tls, reused after), or undefined (plain HTTP).
 */
export async function tlsFromEnv(env: NodeJS.ProcessEnv, dataFolder: string): Promise<TlsFiles | undefined> {
  const certFile = env.INVENTAR_TLS_CERT;
  const keyFile = env.INVENTAR_TLS_KEY;
  if (certFile || keyFile) {
    if (!certFile || !keyFile) throw new Error('INVENTAR_TLS_CERT and INVENTAR_TLS_KEY go together: set both (PEM files) or neither');
    const tls = { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), source: 'files' as const };
    fingerprintOf(tls.cert); // a file that is not a certificate stops the start here, with its own message
    return tls;
  }
  const mode = env.INVENTAR_TLS;
  if (!mode || mode === 'off') return undefined;
  if (mode !== 'self-signed') throw new Error(`INVENTAR_TLS=${mode}: only "self-signed" is known (or set INVENTAR_TLS_CERT and INVENTAR_TLS_KEY)`);
  const dir = path.join(dataFolder, 'tls');
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  if (fs.existsSync(keyPath) && fs.existsSync(certPath)) return { key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8'), source: 'self-signed' };
  return { ...(await makeSelfSigned(dir)), source: 'self-signed' };
}

/**
 * The HTTP port's only answer when TLS is on: 308 to the same host (its port
 * replaced by the HTTPS port), path and query. 308 keeps the method and body.
 */
export function redirectLocation(hostHeader: string | undefined, url: string | undefined, httpsPort: number): string | undefined {
  if (!hostHeader) return undefined;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
  const pathAndQuery = url && url.startsWith('/') ? url : '/';
  return `https://${hostname}${httpsPort === 443 ? '' : `:${httpsPort}`}${pathAndQuery}`;
}
