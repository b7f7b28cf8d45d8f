/** The CSV import of items (POST /api/import/items): all or nothing, every problem with its CSV line. */
import type { Ctx } from '../core/context.ts';
import { InventarError } from '../core/errors.ts';
import { Problems } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { adminWrite, checkDistinct } from './crud.ts';
import { COSTS, parseItem, type ParsedItem } from './item-input.ts';
import { insertItem } from './item-writes.ts';
import type { ItemInput } from './items.ts';

const yes = (v: string | undefined) => /^(1|true|da|yes)$/i.test((v ?? '').trim());

/** One CSV row (POST /api/import/items) as the API's item body; lists are "|"-separated. */
export function itemFromCsv(row: Record<string, string>): ItemInput {
  const list = (v: string | undefined) => (v ? v.split('|').map((x) => x.trim()).filter(Boolean) : []);
  const input: ItemInput = {
    code: row.code ?? '',
    description: row.description ?? '',
    uom: row.uom ?? '',
    itemType: row.itemType || null,
    fiscalCategory: row.fiscalCategory || null,
    merchandiseCategory: row.merchandiseCategory || null,
    fiscalInterest: row.fiscalInterest === undefined || row.fiscalInterest === '' ? true : yes(row.fiscalInterest),
    lotManaged: yes(row.lotManaged),
    serialManaged: yes(row.serialManaged),
    barcodes: list(row.barcodes),
    variants: list(row.variants).map((code) => ({ code, description: code })),
    stockAccount: row.stockAccount || null,
    ncCode: row.ncCode || null,
  };
  for (const cost of COSTS) if (row[cost]) input[cost] = row[cost];
  return input;
}

/**
 * Creates items from CSV rows, all or nothing: every row is checked first and
 * every problem is reported with its CSV line (the header is line 1).
 */
export async function importItems(ctx: Ctx, rows: Record<string, string>[]): Promise<{ items: number }> {
  requirePermission(ctx.actor, 'masterData');
  const problems = new Problems();
  const parsed: { code: string; item: ParsedItem; at: string }[] = [];
  rows.forEach((row, i) => {
    const input = itemFromCsv(row);
    const at = `/rows/${i + 2}`;
    if (!input.code || !input.uom) problems.add({ path: `${at}/${input.code ? 'uom' : 'code'}`, code: 'INV_ERR_VALIDATION' });
    try {
      parsed.push({ code: input.code, item: parseItem(input), at });
    } catch (e) {
      if (!(e instanceof InventarError)) throw e;
      for (const p of e.problems) problems.add({ ...p, path: `${at}${p.path}` });
    }
  });
  checkDistinct(
    parsed.map((p) => ({ value: p.code, path: `${p.at}/code` })),
    problems,
  );
  problems.throwIfAny();
  return adminWrite(ctx, { entity: 'item', key: 'import' }, async (trx) => {
    for (const p of parsed) await insertItem(trx, ctx.actor, p.code, p.item, p.at);
    return { items: parsed.length };
  });
}
