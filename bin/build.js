#!/usr/bin/env node
/**
 * The build: the server and CLI compiled by tsc (tsconfig.build.json) into dist/, the web app by
 * Vite into dist/web. `npm run build` (or `node bin/build.js [server|web]`) builds unconditionally;
 * bin/inventar.js calls ensureBuilt() to build only what is missing or stale.
 *
 * Fresh: dist/.server-stamp (written when tsc succeeded) is newer than every file under src/
 * (src/web apart) and the tsconfig files; dist/web/index.html is newer than every file under src/web
 * and vite.config.ts. A checkout of newer sources makes them stale. Where there are no sources (an
 * installed package holding dist/ only) dist/ is fresh.
 *
 * Two processes that find dist/ stale at once build one after the other (a lock directory); the
 * second finds it fresh and does nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const SERVER_STAMP = path.join(DIST, '.server-stamp');
const WEB_INDEX = path.join(DIST, 'web', 'index.html');
const LOCK = path.join(DIST, '.build-lock');
const require = createRequire(import.meta.url);

/** a file inside an installed package, found the way Node finds the package (its exports may not list the file) */
function packageFile(name, file) {
  for (const dir of require.resolve.paths(name) ?? []) {
    const p = path.join(dir, name, file);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${name} is not installed`);
}

/** mtime in ms of a file, 0 when it is missing */
function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** the newest mtime of the files under dir (skipping `skip`), 0 when there are none */
function newest(dir, skip) {
  let max = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (p === skip) continue;
    max = Math.max(max, e.isDirectory() ? newest(p, skip) : mtime(p));
  }
  return max;
}

const PARTS = {
  server: {
    fresh: () => {
      const stamp = mtime(SERVER_STAMP);
      const sources = Math.max(newest(path.join(ROOT, 'src'), path.join(ROOT, 'src', 'web')), mtime(path.join(ROOT, 'tsconfig.json')), mtime(path.join(ROOT, 'tsconfig.build.json')));
      return stamp > 0 ? stamp >= sources : sources === 0 && fs.existsSync(path.join(DIST, 'cli', 'main.js'));
    },
    tool: () => packageFile('typescript', 'bin/tsc'),
    args: ['-p', 'tsconfig.build.json'],
    done: () => {
      vendorKysely();
      fs.writeFileSync(SERVER_STAMP, `${new Date().toISOString()}\n`);
    },
  },
  web: {
    fresh: () => {
      const built = mtime(WEB_INDEX);
      return built > 0 && built >= Math.max(newest(path.join(ROOT, 'src', 'web')), mtime(path.join(ROOT, 'vite.config.ts')));
    },
    tool: () => packageFile('vite', 'bin/vite.js'),
    args: ['build', '--logLevel', 'warn'],
    done: () => {},
  },
};

/** the compiled files (dist/, the web app and the vendored bundle apart) */
function compiledFiles(dir = DIST) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === path.join(DIST, 'web') || p === path.join(DIST, 'vendor') ? [] : compiledFiles(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

/**
 * Kysely bundled into dist/vendor/kysely.js (bin/vendor.js) and the compiled code's imports of
 * 'kysely' pointed at it: one module to load instead of about 280. Without Vite the imports stay
 * on the package (slower start, same behaviour).
 */
function vendorKysely() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'vendor.js')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('inventar: Kysely not bundled (the compiled code imports the package)\n');
    return;
  }
  const bundle = path.join(DIST, 'vendor', 'kysely.js');
  for (const file of compiledFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    let rel = path.relative(path.dirname(file), bundle).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    const next = text.replace(/(from\s*|import\s*\(\s*)(['"])kysely\2/g, `$1$2${rel}$2`);
    if (next !== text) fs.writeFileSync(file, next);
  }
}

/** Whether a part can be built here (its build tool is installed: devDependencies). */
export function canBuild(part) {
  try {
    PARTS[part].tool();
    return true;
  } catch {
    return false;
  }
}

export function isFresh(part) {
  return PARTS[part].fresh();
}

/** Builds one part; its output goes to stderr (a command's stdout stays its own). Returns whether it succeeded. */
function buildPart(part) {
  const p = PARTS[part];
  const started = Date.now();
  process.stderr.write(`inventar: building ${part === 'server' ? 'the server and CLI (tsc)' : 'the web app (vite)'}…\n`);
  const r = spawnSync(process.execPath, [p.tool(), ...p.args], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write(`inventar: the ${part} build failed\n`);
    return false;
  }
  p.done();
  process.stderr.write(`inventar: ${part} built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return true;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs fn holding the build lock (a directory; one left behind by a crashed build for 10 minutes is taken over). */
function withLock(fn) {
  fs.mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (Date.now() - mtime(LOCK) > 10 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the parts that are stale and can be built. Returns the parts that are fresh afterwards.
 * @param {('server'|'web')[]} parts
 */
export function ensureBuilt(parts) {
  const stale = parts.filter((p) => !isFresh(p));
  if (stale.length === 0) return new Set(parts);
  const buildable = stale.filter(canBuild);
  for (const p of stale) if (!buildable.includes(p)) process.stderr.write(`inventar: dist/ (${p}) is missing or out of date and its build tool is not installed\n`);
  if (buildable.length) withLock(() => buildable.filter((p) => !isFresh(p)).forEach(buildPart));
  return new Set(parts.filter(isFresh));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const asked = process.argv.slice(2);
  const parts = asked.length ? asked : ['server', 'web'];
  for (const p of parts) if (!PARTS[p]) throw new Error(`unknown part ${p}: server | web`);
  const ok = withLock(() => parts.every(buildPart));
  process.exitCode = ok ? 0 : 1;
}
