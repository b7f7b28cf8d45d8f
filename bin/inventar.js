#!/usr/bin/env node
// The `inventar` command (also `npm start`): runs the compiled CLI in dist/, building it first when
// it is missing or older than src/ (see bin/build.js); `serve` also builds the web app it serves.
// Where it cannot be built (no devDependencies) and tsx is there, the TypeScript sources run through tsx.
import fs from 'node:fs';
import { ensureBuilt, ROOT } from './build.js';

const serving = process.argv.slice(2).includes('serve');
const fresh = ensureBuilt(serving ? ['server', 'web'] : ['server']);
if (fresh.has('server')) {
  await import('../dist/cli/main.js');
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    // no tsx either: an out-of-date dist/ is better than nothing
  }
  if (!register) {
    if (!fs.existsSync(`${ROOT}/dist/cli/main.js`)) {
      console.error(`inventar: ${ROOT}/dist is missing and cannot be built here: run \`npm run build\` where the devDependencies are installed`);
      process.exit(1);
    }
    process.stderr.write('inventar: dist/ is older than src/ and cannot be rebuilt here\n');
    await import('../dist/cli/main.js');
  } else {
    process.stderr.write('inventar: running the TypeScript sources through tsx (slow start: `npm run build` once)\n');
    register();
    await import('../src/cli/main.ts');
  }
}
