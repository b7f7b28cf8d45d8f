/**
 * A counter's own lines on the phone (issue 14 point 6): `GET
 * /api/lists/{id}/lines?mine=true` gives the lines the reader counted, newest
 * first, in pages; a counter corrects or deletes only a line they counted
 * (another counter's line on the same list, or the supervisor's, is 403
 * INV_ERR_NOT_YOUR_LINE and unchanged), only while the list is open; a
 * supervisor still corrects any line. `GET /api/lists/{id}/progress`: keys
 * counted, and keys with book stock on a list that shows the book (hand
 * counted from the records posted here), none on a blind list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/store.ts';
import { openTestApi, PASSWORD, type TestApi } from '../helpers/api.ts';
import { seedFixture } from '../helpers/fixtures.ts';
import { createUser } from '../../src/masterdata/users.ts';
import { progressSettled } from '../../src/inventory/list-progress.ts';
import { expectStatus, seedInventoryFixture } from '../inventory/support.ts';

for (const dialect of dialects) {
  describe(`a counter's own lines and the list's progress [${dialect}]`, () => {
    let api: TestApi;
    let list: number;
    let blindList: number;
    let other: string;
    const count = (body: object, options: { as?: 'supervisor' | 'counter'; token?: string } = { as: 'counter' }) => api.call('POST', `/api/lists/${list}/lines`, body, options);

    beforeAll(async () => {
      api = await openTestApi(dialect);
      await seedFixture(api.store);
      await seedInventoryFixture(api.store);
      // a second counter of the same employee's list (two phones on one list)
      await createUser(api.ctx, { username: 'counter2', password: PASSWORD, role: 'counter', employee: 'E1' });
      other = (await api.call('POST', '/api/auth/login', { username: 'counter2', password: PASSWORD }, { as: null })).body.token;
      // book stock in MAIN at 2026-03-10: A 5 on A1, B 3 on A1, B 2 on B1 → three keys; A 1 on B1 bought and sold → none
      expectStatus(
        await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'CAR', date: '2026-03-01', lines: [
          { item: 'A', quantity: '5', unitCost: '2', location: 'A1' },
          { item: 'B', quantity: '3', unitCost: '1', location: 'A1' },
          { item: 'B', quantity: '2', unitCost: '1', location: 'B1' },
          { item: 'A', quantity: '1', unitCost: '2', location: 'B1' },
        ] }, { as: 'supervisor' }),
        201,
      );
      expectStatus(await api.call('POST', '/api/records', { warehouse: 'MAIN', template: 'VAN', date: '2026-03-02', lines: [{ item: 'A', quantity: '1', location: 'B1' }] }, { as: 'supervisor' }), 201);
      const inv = (await api.call('POST', '/api/inventories', { date: '2026-03-10', operator: 'E1' }, { as: 'supervisor' })).body;
      list = (await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'STD', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' })).body.id;
      blindList = (await api.call('POST', `/api/inventories/${inv.id}/lists`, { listType: 'ORB', employee: 'E1', warehouse: 'MAIN' }, { as: 'supervisor' })).body.id;
    });
    afterAll(async () => {
      await progressSettled(api.store);
      await api.close();
    });

    it('lists my lines newest first, in pages', async () => {
      const a = (await count({ item: 'A', location: 'A1', quantity: '4' })).body;
      const mine2 = (await count({ item: 'B', location: 'A1', quantity: '3' })).body;
      const theirs = (await count({ item: 'B', location: 'B1', quantity: '2' }, { token: other })).body;
      const boss = (await count({ item: 'LOT', lot: 'L1', quantity: '1' }, { as: 'supervisor' })).body;
      const page1 = await api.call('GET', `/api/lists/${list}/lines?mine=true&limit=1`, undefined, { as: 'counter' });
      expectStatus(page1, 200);
      expect(page1.body.total).toBe(2);
      expect(page1.body.items.map((l: { id: number }) => l.id)).toEqual([mine2.id]);
      const page2 = await api.call('GET', `/api/lists/${list}/lines?mine=true&limit=1&offset=1`, undefined, { as: 'counter' });
      expect(page2.body.items.map((l: { id: number }) => l.id)).toEqual([a.id]);
      expect(page2.body.items[0]).toMatchObject({ item: 'A', insertedBy: 'counter', countedQuantity: '4.000', bookQuantity: '5.000' });
      // without mine: every line, oldest first, as before
      const all = await api.call('GET', `/api/lists/${list}/lines`, undefined, { as: 'counter' });
      expect(all.body.items.map((l: { id: number }) => l.id)).toEqual([a.id, mine2.id, theirs.id, boss.id]);
    });

    it('a counter corrects and deletes their own line, never another’s; a supervisor any', async () => {
      const lines = (await api.call('GET', `/api/lists/${list}/lines`, undefined, { as: 'supervisor' })).body.items as { id: number; item: string; insertedBy: string; countedQuantity: string }[];
      const mine = lines.find((l) => l.insertedBy === 'counter' && l.item === 'A')!;
      const theirs = lines.find((l) => l.insertedBy === 'counter2')!;
      const boss = lines.find((l) => l.insertedBy === 'supervisor')!;
      const fixed = await api.call('PUT', `/api/lines/${mine.id}`, { quantity: '6' }, { as: 'counter' });
      expectStatus(fixed, 200);
      expect(fixed.body.countedQuantity).toBe('6.000');
      for (const line of [theirs, boss]) {
        const put = await api.call('PUT', `/api/lines/${line.id}`, { quantity: '9' }, { as: 'counter', lang: 'ro' });
        expectStatus(put, 403, 'INV_ERR_NOT_YOUR_LINE');
        expect(put.body.detail).toBe(`Linia ${line.id} a fost numărată de ${line.insertedBy}: un numărător corectează sau șterge doar liniile numărate de el`);
        expectStatus(await api.call('DELETE', `/api/lines/${line.id}`, undefined, { as: 'counter' }), 403, 'INV_ERR_NOT_YOUR_LINE');
      }
      const after = (await api.call('GET', `/api/lists/${list}/lines`, undefined, { as: 'supervisor' })).body.items as { id: number; countedQuantity: string }[];
      expect(after.find((l) => l.id === theirs.id)!.countedQuantity).toBe(theirs.countedQuantity);
      expect(after.find((l) => l.id === boss.id)!.countedQuantity).toBe(boss.countedQuantity);
      // the other counter fixes their own; the supervisor any line
      expectStatus(await api.call('PUT', `/api/lines/${theirs.id}`, { quantity: '1' }, { token: other }), 200);
      expectStatus(await api.call('PUT', `/api/lines/${mine.id}`, { quantity: '5' }, { as: 'supervisor' }), 200);
      const mine2 = lines.find((l) => l.insertedBy === 'counter' && l.item === 'B')!;
      expectStatus(await api.call('DELETE', `/api/lines/${mine2.id}`, undefined, { as: 'counter' }), 204);
      expect((await api.call('GET', `/api/lists/${list}/lines?mine=true`, undefined, { as: 'counter' })).body.items.map((l: { id: number }) => l.id)).toEqual([mine.id]);
    });

    it('progress: keys counted, keys with book stock; a blind list tells no book figure', async () => {
      const first = await api.call('GET', `/api/lists/${list}/progress`, undefined, { as: 'counter' });
      expectStatus(first, 200);
      // A/A1, B/B1 (counter2), LOT/L1 (supervisor) counted; B/A1 deleted
      expect(first.body).toMatchObject({ listId: list, blind: false, counted: 3 });
      await progressSettled(api.store);
      const settled = await api.call('GET', `/api/lists/${list}/progress`, undefined, { as: 'counter' });
      expect(settled.body).toEqual({ listId: list, blind: false, counted: 3, withBook: 3, pending: false });
      expectStatus(await api.call('POST', `/api/lists/${blindList}/lines`, { item: 'A', location: 'A1', quantity: '1' }, { as: 'counter' }), 201);
      const blind = await api.call('GET', `/api/lists/${blindList}/progress`, undefined, { as: 'counter' });
      expect(blind.body).toEqual({ listId: blindList, blind: true, counted: 1, withBook: null, pending: false });
    });

    it('only while the list is open', async () => {
      const mine = (await api.call('GET', `/api/lists/${list}/lines?mine=true`, undefined, { as: 'counter' })).body.items[0];
      expectStatus(await api.call('PUT', `/api/lists/${list}`, { closingDate: '2026-03-10' }, { as: 'supervisor' }), 200);
      expectStatus(await api.call('PUT', `/api/lines/${mine.id}`, { quantity: '7' }, { as: 'counter' }), 409, 'INV_ERR_LIST_CLOSED');
      expectStatus(await api.call('DELETE', `/api/lines/${mine.id}`, undefined, { as: 'counter' }), 409, 'INV_ERR_LIST_CLOSED');
    });
  });
}
