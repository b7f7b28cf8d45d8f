/**
 * A load generator for the HTTP benchmarks: `clients` concurrent clients, each
 * sending one request at a time (fetch, keep-alive) to a server on loopback,
 * for a warm-up and then a measured window. The clients run in a worker
 * thread, so that their own work is not done on the server's event loop; the
 * worker asks before its measured window starts (`onMeasure`, e.g. to start
 * a profiler or CPU counters) and hands back every latency and every non-2xx
 * answer.
 */
import { Worker } from 'node:worker_threads';

/** What a client sends: `kind` picks the request, the rest parametrises it. */
export interface LoadSpec {
  base: string;
  token: string;
  kind: 'scans' | 'postings' | 'reads';
  clients: number;
  warmupSeconds: number;
  seconds: number;
  seed: number;
  /** item codes to pick from; every `lotEvery`-th (index % lotEvery === lotEvery - 1) is lot-managed and gets `lot` */
  items: string[];
  lotEvery: number;
  lot: string;
  locations: string[];
  /** scans: client c counts into lists[c % lists.length] */
  lists: number[];
  /** postings: a one-line load of template `template` dated `date` into a random warehouse */
  warehouses: string[];
  template: string;
  date: string;
  /** reads: a random record id in [recordMin, recordMax] */
  recordMin: number;
  recordMax: number;
}

export interface LoadResult {
  /** latencies in ms of the requests started in the measured window, ascending */
  times: number[];
  /** measured window in ms: from its start to the last answer of a request started in it */
  windowMs: number;
  /** non-2xx answers (and failed connections, status 0) by status */
  errors: Map<number, number>;
  /** the first answer's body of each error status, shortened */
  samples: Map<number, string>;
}

// plain JavaScript, evaluated in the worker (no TypeScript loader there)
const CLIENTS = String.raw`
const { parentPort, workerData: w } = require('node:worker_threads');
let seed = w.seed >>> 0;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (n) => Math.floor(rnd() * n);
const headers = { authorization: 'Bearer ' + w.token, 'content-type': 'application/json', 'accept-language': 'en' };
function next(c) {
  const i = pick(w.items.length);
  const lot = i % w.lotEvery === w.lotEvery - 1 ? w.lot : undefined;
  const location = w.locations[pick(w.locations.length)];
  const item = w.items[i];
  if (w.kind === 'scans') return ['POST', '/api/lists/' + w.lists[c % w.lists.length] + '/lines', { item, location, lot, quantity: '1', mode: 'add' }];
  if (w.kind === 'postings') {
    const warehouse = w.warehouses[pick(w.warehouses.length)];
    return ['POST', '/api/records', { warehouse, template: w.template, date: w.date, lines: [{ item, quantity: '1', unitCost: '1.00', location, lot }] }];
  }
  return ['GET', '/api/records/' + (w.recordMin + pick(w.recordMax - w.recordMin + 1)), undefined];
}
const times = [];
const errors = new Map();
const samples = new Map();
let measureFrom = Infinity;
let until = 0;
let lastEnd = 0;
async function client(c) {
  while (performance.now() < until) {
    const [method, url, body] = next(c);
    const t = performance.now();
    let status = 0;
    let text = '';
    try {
      const r = await fetch(w.base + url, { method, headers: body ? headers : { authorization: headers.authorization }, body: body ? JSON.stringify(body) : undefined });
      text = await r.text();
      status = r.status;
    } catch (e) {
      text = String(e && e.cause ? e.cause : e);
    }
    const end = performance.now();
    if (t < measureFrom) continue;
    times.push(end - t);
    if (end > lastEnd) lastEnd = end;
    if (status < 200 || status > 299) {
      errors.set(status, (errors.get(status) || 0) + 1);
      if (!samples.has(status)) samples.set(status, text.slice(0, 300));
    }
  }
}
(async () => {
  until = performance.now() + w.warmupSeconds * 1000;
  await Promise.all(Array.from({ length: w.clients }, (_, c) => client(c)));
  parentPort.postMessage({ phase: 'measure' });
  await new Promise((resolve) => parentPort.once('message', resolve));
  measureFrom = performance.now();
  until = measureFrom + w.seconds * 1000;
  await Promise.all(Array.from({ length: w.clients }, (_, c) => client(c)));
  parentPort.postMessage({ phase: 'done', times: Float64Array.from(times), windowMs: lastEnd - measureFrom, errors: [...errors], samples: [...samples] });
})();
`;

/** Runs the load; `onMeasure` is awaited after the warm-up, before the measured window. */
export function runLoad(spec: LoadSpec, onMeasure: () => Promise<void> | void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENTS, { eval: true, workerData: spec });
    worker.on('error', reject);
    worker.on('message', (m: { phase: 'measure' } | { phase: 'done'; times: Float64Array; windowMs: number; errors: [number, number][]; samples: [number, string][] }) => {
      if (m.phase === 'measure') {
        void Promise.resolve(onMeasure()).then(() => worker.postMessage('go'), reject);
        return;
      }
      void worker.terminate();
      resolve({ times: Array.from(m.times).sort((x, y) => x - y), windowMs: m.windowMs, errors: new Map(m.errors), samples: new Map(m.samples) });
    });
  });
}
