/**
 * Headers and binding (issue 11 point 10): every answer carries the CSP, nosniff,
 * no framing and the referrer policy; the CSP is one the web app passes (no
 * inline scripts or styles in its page or sources); `serve --host` narrows the
 * address the server listens on, all interfaces by default.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore, type TestStore } from '../helpers/store.ts';
import { buildApp } from '../../src/http/app.ts';
import type { FastifyInstance } from 'fastify';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function sourcesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesOf(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('security headers', () => {
  let store: TestStore;
  let app: FastifyInstance;
  let webRoot: string;
  beforeAll(async () => {
    store = await openTestStore(dialects[0]);
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-web-'));
    fs.copyFileSync('src/web/index.html', path.join(webRoot, 'index.html'));
    app = await buildApp(store, { webRoot });
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends the CSP, nosniff, no framing and no referrer on the page, the API and errors', async () => {
    for (const url of ['/', '/count/1', '/api/auth/me', '/api/openapi.json', '/api/nothing-here']) {
      const r = await app.inject({ method: 'GET', url });
      const h = r.headers;
      expect([url, h['x-content-type-options']]).toEqual([url, 'nosniff']);
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['x-frame-options']).toBe('DENY');
      const csp = directives(String(h['content-security-policy']));
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      // plain HTTP on the warehouse network: no upgrade to https, no HSTS
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(h['strict-transport-security']).toBeUndefined();
    }
  });

  it('the web app needs nothing the CSP forbids: no inline script or style, no eval, its icon a data: image', () => {
    const html = fs.readFileSync('src/web/index.html', 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect(html).toMatch(/rel="icon" href="data:image\/svg\+xml/);
    for (const file of sourcesOf('src/web').filter((f) => /\.(tsx?|css|html)$/.test(f))) {
      const text = fs.readFileSync(file, 'utf8');
      expect([file, /dangerouslySetInnerHTML|\beval\(|new Function\(|<style\b|@import\s+url\(\s*['"]?https?:/.test(text)]).toEqual([file, false]);
    }
  });
});

describe('serve --host', () => {
  async function serveOnce(args: string[], env: Record<string, string> = {}): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventar-host-'));
    const { HOST: _host, ...withoutHost } = process.env;
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/cli/main.ts', 'serve', '--port', '0', ...args], {
      env: { ...withoutHost, INVENTAR_DB: path.join(dir, 'db.sqlite'), INVENTAR_ADMIN_PASSWORD: 'host-test-pass', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.on('exit', () => reject(new Error(`serve exited:\n${output}`)));
        const check = setInterval(() => {
          if (/listening on/i.test(output)) {
            clearInterval(check);
            resolve();
          }
        }, 100);
      });
      return output;
    } finally {
      child.removeAllListeners('exit');
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('listens on the address given by --host or HOST, on all interfaces by default', async () => {
    expect(await serveOnce(['--host', '127.0.0.1'])).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ only/);
    expect(await serveOnce([], { HOST: '127.0.0.1' })).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ only/);
    const all = await serveOnce([]);
    expect(all).toMatch(/listening on all interfaces/);
  }, 240_000);
});
