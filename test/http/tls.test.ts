/**
 * HTTPS on the warehouse network and joining a phone (issue 14 points 1 and 2):
 * INVENTAR_TLS=self-signed makes a certificate once (SAN: 127.0.0.1, localhost,
 * the LAN addresses, the host name) and reuses it; given PEM files are served as
 * they are; plain HTTP on the second port answers 308 to the same URL over
 * HTTPS; HSTS only with TLS; GET /api/connect gives the counting URL and the
 * certificate's fingerprint; GET /ca.crt serves the certificate.
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, type TestApi } from '../helpers/api.ts';
import { redirectLocation, tlsFromEnv, type TlsFiles } from '../../src/http/tls.ts';
import { freePort } from '../e2e/harness.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  peer?: X509Certificate;
}

/** An HTTPS GET that trusts only `ca` (so the host name is checked against the SAN too). */
function httpsGet(url: string, ca: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        const raw = (res.socket as import('node:tls').TLSSocket).getPeerX509Certificate?.();
        resolve({ status: res.statusCode!, headers: res.headers, body, peer: raw });
      });
    });
    req.on('error', reject);
  });
}

function httpsPost(url: string, ca: string, json: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(json);
    const req = https.request(url, { method: 'POST', ca, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function httpGet(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

const sha256 = (pem: string) => `SHA-256 ${new X509Certificate(pem).fingerprint256}`;

for (const dialect of dialects) {
  describe(`GET /api/connect over HTTPS [${dialect}]`, () => {
    let dir: string;
    let tls: TlsFiles;
    let api: TestApi;
    let base: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-tls-'));
      tls = (await tlsFromEnv({ INVENTAR_TLS: 'self-signed' }, dir))!;
      api = await openTestApi(dialect, { tls });
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      base = `https://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await api.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers over HTTPS with the certificate made in <data>/tls, its SAN naming 127.0.0.1 and localhost, with HSTS', async () => {
      const cert = fs.readFileSync(path.join(dir, 'tls/cert.pem'), 'utf8');
      expect(fs.statSync(path.join(dir, 'tls/key.pem')).mode & 0o777).toBe(0o600);
      const r = await httpsGet(`${base}/health`, cert);
      expect(r.status).toBe(200);
      expect(r.peer!.fingerprint256).toBe(new X509Certificate(cert).fingerprint256);
      const san = new X509Certificate(cert).subjectAltName!;
      expect(san).toContain('IP Address:127.0.0.1');
      expect(san).toContain('DNS:localhost');
      expect(san).toContain(`DNS:${os.hostname()}`);
      expect(r.headers['strict-transport-security']).toBe('max-age=15552000');
    });

    it('gives a supervisor the counting URL, the fingerprint of the served certificate and a QR code; a counter gets 403', async () => {
      const cert = fs.readFileSync(path.join(dir, 'tls/cert.pem'), 'utf8');
      const login = await httpsPost(`${base}/api/auth/login`, cert, { username: 'supervisor', password: 'secret-pass' });
      const token = JSON.parse(login.body).token as string;
      const r = await httpsGet(`${base}/api/connect`, cert, { authorization: `Bearer ${token}` });
      expect(r.status).toBe(200);
      const body = JSON.parse(r.body);
      expect(body.urls).toEqual([`${base}/count`]);
      expect(body.fingerprint).toBe(`SHA-256 ${r.peer!.fingerprint256}`);
      expect(body.fingerprint).toBe(sha256(cert));
      expect(body.https).toBe(true);
      expect(body.certificateUrl).toBe(`${base}/ca.crt`);
      expect(body.qrSvg).toMatch(/^<svg [^>]*viewBox/);
      expect(body.qrSvgs).toEqual([body.qrSvg]);
      const counter = await httpsGet(`${base}/api/connect`, cert, { authorization: `Bearer ${api.tokens.counter}` });
      expect(counter.status).toBe(403);
      const anonymous = await httpsGet(`${base}/api/connect`, cert);
      expect(anonymous.status).toBe(401);
    });

    it('serves the certificate at /ca.crt to anyone (a phone installs it before signing in)', async () => {
      const cert = fs.readFileSync(path.join(dir, 'tls/cert.pem'), 'utf8');
      const r = await httpsGet(`${base}/ca.crt`, cert);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/x-x509-ca-cert');
      expect(r.body).toBe(cert);
    });
  });

  describe(`plain HTTP, the default [${dialect}]`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
    });
    afterAll(async () => api.close());

    it('has no HSTS and no /ca.crt; /api/connect gives the http URL and no fingerprint', async () => {
      const health = await api.app.inject({ method: 'GET', url: '/health' });
      expect(health.headers['strict-transport-security']).toBeUndefined();
      expect((await api.call('GET', '/ca.crt', undefined, { as: null })).status).toBe(404);
      const r = await api.call('GET', '/api/connect', undefined, { as: 'supervisor' });
      expect(r.status).toBe(200);
      expect(r.body.urls).toEqual(['http://localhost/count']);
      expect(r.body.fingerprint).toBeNull();
      expect(r.body.https).toBe(false);
    });
  });
}

describe('the redirect of the plain-HTTP port', () => {
  it('keeps host name, path and query, puts the HTTPS port; no Host header gets no redirect', () => {
    expect(redirectLocation('192.168.1.20:3001', '/count?x=1', 3000)).toBe('https://192.168.1.20:3000/count?x=1');
    expect(redirectLocation('inventar.local', '/', 443)).toBe('https://inventar.local/');
    expect(redirectLocation('[fe80::1]:3001', '/a', 3000)).toBe('https://[fe80::1]:3000/a');
    // an absolute-form request target never becomes another host
    expect(redirectLocation('10.0.0.5:3001', 'http://evil.example/x', 3000)).toBe('https://10.0.0.5:3000/');
    expect(redirectLocation(undefined, '/count', 3000)).toBeUndefined();
    expect(redirectLocation('bad host/x', '/count', 3000)).toBeUndefined();
  });
});

describe('inventar serve with TLS', () => {
  async function serveWith(env: Record<string, string>): Promise<{ output: string; stop: () => Promise<void> }> {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/cli/main.ts', 'serve'], {
      env: { ...process.env, HOST: '127.0.0.1', INVENTAR_ADMIN_PASSWORD: 'tls-test-pass', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    await new Promise<void>((resolve, reject) => {
      child.on('exit', () => reject(new Error(`serve exited:\n${output}`)));
      const check = setInterval(() => {
        if (/listening on/i.test(output)) {
          clearInterval(check);
          resolve();
        }
      }, 100);
    });
    child.removeAllListeners('exit');
    return {
      output,
      stop: async () => {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      },
    };
  }

  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-serve-tls-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('self-signed: made once next to the SQLite file, reused on the next start; the HTTP port redirects with 308', async () => {
    const db = path.join(dir, 'data/db.sqlite');
    fs.mkdirSync(path.dirname(db));
    const [port, httpPort] = [await freePort(), await freePort()];
    const env = { INVENTAR_DB: db, INVENTAR_TLS: 'self-signed', PORT: String(port), INVENTAR_HTTP_REDIRECT_PORT: String(httpPort) };
    const first = await serveWith(env);
    const certPath = path.join(dir, 'data/tls/cert.pem');
    let cert: string;
    try {
      expect(first.output).toMatch(new RegExp(`listening on https://127\\.0\\.0\\.1:${port} only`));
      cert = fs.readFileSync(certPath, 'utf8');
      const r = await httpsGet(`https://127.0.0.1:${port}/health`, cert);
      expect(r.status).toBe(200);
      const redirect = await httpGet(`http://127.0.0.1:${httpPort}/count/7?lang=ro&x=a%20b`);
      expect(redirect.status).toBe(308);
      expect(redirect.headers.location).toBe(`https://127.0.0.1:${port}/count/7?lang=ro&x=a%20b`);
    } finally {
      await first.stop();
    }
    const second = await serveWith(env);
    try {
      expect(fs.readFileSync(certPath, 'utf8')).toBe(cert);
      const r = await httpsGet(`https://127.0.0.1:${port}/health`, cert);
      expect(`SHA-256 ${r.peer!.fingerprint256}`).toBe(sha256(cert));
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('INVENTAR_TLS_CERT and INVENTAR_TLS_KEY: the given PEM files are served', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    const certFile = path.join(dir, 'given.crt');
    const keyFile = path.join(dir, 'given.key');
    fs.writeFileSync(certFile, pems.cert);
    fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
    const port = await freePort();
    const server = await serveWith({ INVENTAR_DB: path.join(dir, 'given.sqlite'), INVENTAR_TLS_CERT: certFile, INVENTAR_TLS_KEY: keyFile, PORT: String(port), INVENTAR_HTTP_REDIRECT_PORT: 'off' });
    try {
      const r = await httpsGet(`https://127.0.0.1:${port}/health`, pems.cert);
      expect(r.status).toBe(200);
      expect(r.peer!.fingerprint256).toBe(new X509Certificate(pems.cert).fingerprint256);
      expect(fs.existsSync(path.join(dir, 'tls'))).toBe(false);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
