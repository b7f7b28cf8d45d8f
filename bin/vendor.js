#!/usr/bin/env node
/**
 * dist/vendor/kysely.js: Kysely (about 280 ES modules) bundled into one file by Vite, which the
 * compiled code imports instead of the package (bin/build.js rewrites its imports). Node 20 loads
 * one file much faster than 280: it halves the start-up CPU time of a CLI command that opens the
 * database (bench/startup.ts). Same code, same version as node_modules/kysely.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// kysely's ES module entry, found the way Node finds the package
const pkg = require.resolve.paths('kysely').map((d) => path.join(d, 'kysely')).find((d) => fs.existsSync(path.join(d, 'package.json')));
const entry = path.join(pkg, JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).module ?? 'dist/esm/index.js');

await build({
  configFile: false,
  logLevel: 'warn',
  root,
  ssr: { noExternal: true },
  build: {
    ssr: entry,
    outDir: path.join(root, 'dist', 'vendor'),
    emptyOutDir: true,
    minify: false,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'kysely.js', format: 'es' } },
  },
});
