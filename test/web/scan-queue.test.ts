/**
 * The phone's scan queue (issue 14 point 3) against a storage that fails on
 * purpose: a scan is never dropped. A refused write keeps the scans in memory,
 * sends them and says so; a record that cannot be read is never overwritten
 * (what is scanned meanwhile goes to the spare record, merged on the next
 * start); entries that cannot be read back are kept as they were. Each scan
 * is sent once with its scanId, in order.
 */
import { describe, expect, it } from 'vitest';
import { ScanQueue, type QueueStorage, type StoredQueue } from '../../src/web/scanQueue.ts';
import type { ScanBody } from '../../src/web/scanQueue.ts';
import type { CountLine } from '../../src/web/types.ts';

class MemoryStorage implements QueueStorage {
  records: Record<'main' | 'spare', unknown> = { main: undefined, spare: undefined };
  failLoad = false;
  failSave = false;
  saves = 0;
  async load(which: 'main' | 'spare'): Promise<unknown> {
    if (this.failLoad && which === 'main') throw new Error('read refused');
    return structuredClone(this.records[which]);
  }
  async save(record: StoredQueue | undefined, which: 'main' | 'spare'): Promise<unknown> {
    if (this.failSave) throw new Error('quota exceeded');
    this.saves += 1;
    this.records[which] = structuredClone(record);
    return undefined;
  }
}

function recordingSender() {
  const sent: { listId: number; body: ScanBody }[] = [];
  const sender = async (listId: number, body: ScanBody): Promise<CountLine> => {
    sent.push({ listId, body });
    return { id: sent.length, listId, item: body.item ?? '', countedQuantity: body.quantity ?? '1' };
  };
  return { sent, sender };
}

const settled = async (q: ScanQueue) => {
  await q.ready;
  for (let i = 0; i < 50 && q.pendingCount() > 0; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('scan queue storage', () => {
  it('writes each scan before sending it, then keeps the answer', async () => {
    const storage = new MemoryStorage();
    const { sent, sender: record } = recordingSender();
    const storedWhenSent: string[] = [];
    const sender = async (listId: number, body: ScanBody) => {
      storedWhenSent.push(...((storage.records.main as StoredQueue | undefined)?.entries ?? []).filter((e) => e.scanId === body.scanId).map((e) => e.state));
      return record(listId, body);
    };
    const q = new ScanQueue('k', sender, storage);
    await q.ready;
    q.enqueue(7, { item: 'A', quantity: '2' }, 'A');
    await settled(q);
    expect(sent.map((s) => s.body.item)).toEqual(['A']);
    expect(storedWhenSent).toEqual(['pending']);
    const stored = storage.records.main as StoredQueue;
    expect(stored.entries.map((e) => [e.body.item, e.state, e.scanId === sent[0].body.scanId])).toEqual([['A', 'done', true]]);
    expect(q.problem).toBeUndefined();
  });

  it('a refused write: the scans stay in memory, are sent, and the problem is said until a write succeeds', async () => {
    const storage = new MemoryStorage();
    storage.failSave = true;
    const { sent, sender } = recordingSender();
    const q = new ScanQueue('k', sender, storage);
    await q.ready;
    q.enqueue(7, { item: 'A' }, 'A');
    q.enqueue(7, { item: 'B' }, 'B');
    await settled(q);
    expect(q.problem).toBe('save');
    expect(sent.map((s) => s.body.item)).toEqual(['A', 'B']);
    expect(q.all().map((e) => e.state)).toEqual(['done', 'done']);
    storage.failSave = false;
    q.enqueue(7, { item: 'C' }, 'C');
    await settled(q);
    expect(q.problem).toBeUndefined();
    expect((storage.records.main as StoredQueue).entries.map((e) => e.body.item)).toEqual(['A', 'B', 'C']);
  });

  it('an unreadable record is never overwritten: new scans go to the spare record, both are merged on the next start', async () => {
    const storage = new MemoryStorage();
    const waiting = { version: 1, entries: [{ scanId: 's-1', listId: 7, body: { item: 'OLD', scanId: 's-1' }, label: 'OLD', createdAt: 1, state: 'pending', attempts: 3, nextAttemptAt: 9e15 }] };
    storage.records.main = waiting;
    storage.failLoad = true;
    const offline = async (): Promise<CountLine> => {
      throw new TypeError('Failed to fetch');
    };
    const q = new ScanQueue('k', offline, storage);
    await q.ready;
    expect(q.problem).toBe('load');
    q.enqueue(7, { item: 'NEW' }, 'NEW');
    await q.ready;
    await new Promise((r) => setTimeout(r, 0));
    q.stop();
    expect(storage.records.main).toEqual(waiting);
    expect((storage.records.spare as StoredQueue).entries.map((e) => e.body.item)).toEqual(['NEW']);

    // the next start reads both, sends both (the old one due at once, same scanId), and folds the spare into the main record
    storage.failLoad = false;
    const { sent, sender } = recordingSender();
    const again = new ScanQueue('k', sender, storage);
    await settled(again);
    expect(sent.map((s) => [s.body.item, s.body.scanId === 's-1'])).toEqual([
      ['OLD', true],
      ['NEW', false],
    ]);
    expect(again.problem).toBeUndefined();
    expect((storage.records.main as StoredQueue).entries.map((e) => [e.body.item, e.state])).toEqual([
      ['OLD', 'done'],
      ['NEW', 'done'],
    ]);
    expect(storage.records.spare).toBeUndefined();
  });

  it('entries that cannot be read back are kept as they were, and said', async () => {
    const storage = new MemoryStorage();
    const broken = { scanId: 42, what: 'half a record' };
    storage.records.main = { version: 1, entries: [broken, { scanId: 's-2', listId: 7, body: { item: 'OK', scanId: 's-2' }, label: 'OK', createdAt: 1, state: 'pending', attempts: 0, nextAttemptAt: 0 }] };
    const { sent, sender } = recordingSender();
    const q = new ScanQueue('k', sender, storage);
    await settled(q);
    expect(q.problem).toBe('unreadable');
    expect(sent.map((s) => s.body.item)).toEqual(['OK']);
    expect((storage.records.main as StoredQueue).unreadable).toEqual([broken]);
  });
});
