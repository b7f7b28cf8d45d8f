/**
 * Master data looked up by code, one way for every service: the single
 * look-ups (unknown codes are 404s, or 422s inside a record) and the cached
 * `MasterDataResolver` of records, counting, count imports, reversals, stock
 * differences and ledger imports, built on the same queries.
 */
import type { ItemRow, TemplateRow, WarehouseRow } from '../db/schema.ts';
import type { Db } from '../db/db.ts';
import { fail } from '../core/errors.ts';
import type { Problems } from '../core/input.ts';
import { DEFAULT_DECIMALS, unitDecimals } from './units.ts';

// ---------------------------------------------------------------- the queries

function warehouseRow(db: Db, code: string): Promise<WarehouseRow | undefined> {
  return db.selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst();
}

function templateRow(db: Db, warehouseId: number, code: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('templates').selectAll().where('warehouse_id', '=', warehouseId).where('code', '=', code).executeTakeFirst();
}

// ---------------------------------------------------------------- single look-ups

export async function employeeIdOf(db: Db, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const row = await db.selectFrom('employees').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'employee', key: code });
  return row.id;
}

export async function warehouseOf(db: Db, code: string): Promise<WarehouseRow> {
  const row = await warehouseRow(db, code);
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'warehouse', key: code });
  return row;
}

export async function itemOf(db: Db, code: string): Promise<ItemRow> {
  const row = await db.selectFrom('items').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'item', key: code });
  return row;
}

export async function templateOf(db: Db, warehouseId: number, code: string): Promise<TemplateRow> {
  const row = await templateRow(db, warehouseId, code);
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'template', key: code });
  return row;
}

export async function managementAreaIdOf(db: Db, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const row = await db.selectFrom('management_areas').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'managementArea', key: code });
  return row.id;
}

/** A location of the warehouse by code; 422 INV_ERR_UNKNOWN_LOCATION when the warehouse has none. */
export async function locationIdOf(db: Db, warehouse: Pick<WarehouseRow, 'id' | 'code'>, code: string): Promise<number> {
  const row = await db.selectFrom('locations').select('id').where('warehouse_id', '=', warehouse.id).where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_UNKNOWN_LOCATION', { warehouse: warehouse.code, location: code });
  return row.id;
}

// ---------------------------------------------------------------- the cached resolver

/** The item columns the posting rules and counting read (a bulk import loads them for the whole registry). */
export const RESOLVED_ITEM_COLUMNS = ['id', 'code', 'description', 'uom', 'lot_managed', 'serial_managed'] as const;

export interface ResolvedItem extends Pick<ItemRow, (typeof RESOLVED_ITEM_COLUMNS)[number]> {
  /** how many decimals a quantity of the item's unit may have (SPEC §14) */
  decimals: number;
  variants: ReadonlySet<string>;
  /** alternative unit → its factor (base units per alternative unit, FACTOR_SCALE) */
  units: ReadonlyMap<string, bigint>;
}

/** Master data a record refers to, looked up by the caller. */
export interface RecordMasterData {
  warehouse: WarehouseRow;
  template: TemplateRow;
  items: ReadonlyMap<string, ResolvedItem>;
  locations: ReadonlySet<string>;
}

/** The codes a record refers to (a record's input). */
export interface RecordReferences {
  warehouse: string;
  template: string;
  lines?: readonly { item: string }[];
}

/** An item barcode's target: the item and the variant the barcode stands for ('' none). */
export interface BarcodeHit {
  item_id: number;
  variant: string;
}

const NO_VARIANTS: ReadonlySet<string> = new Set();
const NO_UNITS: ReadonlyMap<string, bigint> = new Map();

/**
 * An item as the posting rules see it, built field by field: one object shape
 * for every item. A spread of the database row would carry the row's own
 * shape, which varies with the driver's values; property reads on 50,000 such
 * objects were ten times slower, once per imported line.
 */
function resolvedItem(
  row: Pick<ResolvedItem, (typeof RESOLVED_ITEM_COLUMNS)[number]>,
  variants: ReadonlySet<string>,
  units: ReadonlyMap<string, bigint>,
  decimals: number,
): ResolvedItem {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    uom: row.uom,
    lot_managed: row.lot_managed,
    serial_managed: row.serial_managed,
    decimals,
    variants,
    units,
  };
}

/**
 * What a resolver has looked up, by code (or id, or barcode); a miss is kept
 * as null. A resolver has maps of its own (one request, one import) or the
 * store's shared ones (masterdata/shared-cache.ts: requests in turn, while the
 * master data's version stays), which forget their items past `itemLimit`.
 */
export class ResolverMaps {
  readonly warehouses = new Map<string, WarehouseRow | null>();
  readonly templates = new Map<string, TemplateRow | null>();
  readonly items = new Map<string, ResolvedItem | null>();
  readonly itemsById = new Map<number, ResolvedItem>();
  readonly barcodes = new Map<string, BarcodeHit | null>();
  readonly locations = new Map<number, Set<string>>();
  /** warehouse id → code */
  readonly warehouseCodes = new Map<number, string>();
  /** unit of measure → decimals (SPEC §14), read once */
  unitDecimals: Map<string, number> | undefined;

  constructor(
    readonly itemLimit = Infinity,
    /** shared maps hand out frozen rows: a caller changing one would change every later request's */
    readonly shared = false,
  ) {}

  kept<T>(row: T): T {
    return this.shared && row !== null && typeof row === 'object' ? Object.freeze(row) : row;
  }

  /** Past the limit the items (and barcodes, which point at them) are read again as met. */
  trimItems(): void {
    if (this.items.size + this.itemsById.size <= this.itemLimit) return;
    this.items.clear();
    this.itemsById.clear();
    this.barcodes.clear();
  }
}

/**
 * Looks up the master data records and counts refer to, once per code (or
 * id, or barcode). `preload` reads whole tables for bulk imports; otherwise
 * each code is read when first met.
 */
export class MasterDataResolver {
  private readonly warehouses: Map<string, WarehouseRow | null>;
  private readonly templates: Map<string, TemplateRow | null>;
  private readonly items: Map<string, ResolvedItem | null>;
  private readonly itemsById: Map<number, ResolvedItem>;
  private readonly barcodes: Map<string, BarcodeHit | null>;
  private readonly locations: Map<number, Set<string>>;
  private preloaded = false;
  private barcodesPreloaded = false;

  constructor(
    private readonly db: Db,
    private readonly maps: ResolverMaps = new ResolverMaps(),
  ) {
    ({ warehouses: this.warehouses, templates: this.templates, items: this.items, itemsById: this.itemsById, barcodes: this.barcodes, locations: this.locations } = maps);
  }

  private async decimalsOf(uom: string): Promise<number> {
    this.maps.unitDecimals ??= await unitDecimals(this.db);
    return this.maps.unitDecimals.get(uom) ?? DEFAULT_DECIMALS;
  }

  /** Reads the registry whole (bulk imports); item barcodes too when asked (count imports). */
  async preload(options: { barcodes?: boolean } = {}): Promise<void> {
    if (this.maps.shared) throw new Error('a resolver on shared maps does not preload');
    const decimals = (this.maps.unitDecimals = await unitDecimals(this.db));
    const [whs, tpls, items, variants, units, locs, barcodes] = await Promise.all([
      this.db.selectFrom('warehouses').selectAll().execute(),
      this.db.selectFrom('templates').selectAll().execute(),
      this.db.selectFrom('items').select(RESOLVED_ITEM_COLUMNS).execute(),
      this.db.selectFrom('item_variants').select(['item_id', 'code']).execute(),
      this.db.selectFrom('item_units').select(['item_id', 'uom', 'factor']).execute(),
      this.db.selectFrom('locations').select(['warehouse_id', 'code']).execute(),
      options.barcodes ? this.db.selectFrom('item_barcodes').select(['barcode', 'item_id', 'variant']).execute() : Promise.resolve([]),
    ]);
    const byId = new Map(whs.map((w) => [w.id, w]));
    for (const w of whs) this.warehouses.set(w.code, w);
    for (const t of tpls) this.templates.set(`${byId.get(t.warehouse_id)!.code}|${t.code}`, t);
    const vars = new Map<number, Set<string>>();
    for (const v of variants) (vars.get(v.item_id) ?? vars.set(v.item_id, new Set()).get(v.item_id)!).add(v.code);
    const factors = new Map<number, Map<string, bigint>>();
    for (const u of units) (factors.get(u.item_id) ?? factors.set(u.item_id, new Map()).get(u.item_id)!).set(u.uom, u.factor);
    for (const i of items) {
      const item = resolvedItem(i, vars.get(i.id) ?? NO_VARIANTS, factors.get(i.id) ?? NO_UNITS, decimals.get(i.uom) ?? DEFAULT_DECIMALS);
      this.items.set(i.code, item);
      this.itemsById.set(i.id, item);
    }
    for (const l of locs) (this.locations.get(l.warehouse_id) ?? this.locations.set(l.warehouse_id, new Set()).get(l.warehouse_id)!).add(l.code);
    for (const b of barcodes) this.barcodes.set(b.barcode, { item_id: b.item_id, variant: b.variant });
    this.preloaded = true;
    this.barcodesPreloaded = options.barcodes === true;
  }

  async warehouse(code: string): Promise<WarehouseRow | undefined> {
    if (!this.warehouses.has(code) && !this.preloaded) this.warehouses.set(code, this.maps.kept((await warehouseRow(this.db, code)) ?? null));
    return this.warehouses.get(code) ?? undefined;
  }

  async template(warehouse: WarehouseRow, code: string): Promise<TemplateRow | undefined> {
    const key = `${warehouse.code}|${code}`;
    if (!this.templates.has(key) && !this.preloaded) this.templates.set(key, this.maps.kept((await templateRow(this.db, warehouse.id, code)) ?? null));
    return this.templates.get(key) ?? undefined;
  }

  /** A warehouse's code by id (a list's, a line's). */
  async warehouseCode(id: number): Promise<string> {
    let code = this.maps.warehouseCodes.get(id);
    if (code === undefined) {
      code = (await this.db.selectFrom('warehouses').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
      this.maps.warehouseCodes.set(id, code);
    }
    return code;
  }

  /** The item with its variants, alternative units and decimals, read with the item's own row. */
  private async withDetails(row: Pick<ResolvedItem, (typeof RESOLVED_ITEM_COLUMNS)[number]>): Promise<ResolvedItem> {
    const variants = await this.db.selectFrom('item_variants').select('code').where('item_id', '=', row.id).execute();
    const units = await this.db.selectFrom('item_units').select(['uom', 'factor']).where('item_id', '=', row.id).execute();
    const decimals = await this.decimalsOf(row.uom);
    this.maps.trimItems();
    return this.maps.kept(resolvedItem(row, new Set(variants.map((v) => v.code)), new Map(units.map((u) => [u.uom, u.factor])), decimals));
  }

  async item(code: string): Promise<ResolvedItem | undefined> {
    if (!this.items.has(code) && !this.preloaded) {
      const row = await this.db.selectFrom('items').select(RESOLVED_ITEM_COLUMNS).where('code', '=', code).executeTakeFirst();
      const item = row ? await this.withDetails(row) : null;
      this.items.set(code, item);
      if (item) this.itemsById.set(item.id, item);
    }
    return this.items.get(code) ?? undefined;
  }

  /** An item known to exist (a line's, a barcode's). */
  async itemById(id: number): Promise<ResolvedItem> {
    if (!this.itemsById.has(id)) {
      const row = await this.db.selectFrom('items').select(RESOLVED_ITEM_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
      this.itemsById.set(id, await this.withDetails(row));
    }
    return this.itemsById.get(id)!;
  }

  /** The first candidate form of the code stored as an item barcode. */
  async barcode(candidates: string[]): Promise<BarcodeHit | undefined> {
    if (!this.barcodesPreloaded) {
      const missing = candidates.filter((c) => !this.barcodes.has(c));
      if (missing.length) {
        const rows = await this.db.selectFrom('item_barcodes').select(['barcode', 'item_id', 'variant']).where('barcode', 'in', missing).execute();
        for (const c of missing) this.barcodes.set(c, null);
        for (const r of rows) this.barcodes.set(r.barcode, { item_id: r.item_id, variant: r.variant });
      }
    }
    for (const c of candidates) {
      const hit = this.barcodes.get(c);
      if (hit) return hit;
    }
    return undefined;
  }

  async locationsOf(warehouseId: number): Promise<Set<string>> {
    let set = this.locations.get(warehouseId);
    if (!set) {
      set = this.preloaded
        ? new Set()
        : new Set((await this.db.selectFrom('locations').select('code').where('warehouse_id', '=', warehouseId).execute()).map((l) => l.code));
      this.locations.set(warehouseId, set);
    }
    return set;
  }

  /**
   * A record's references from the preloaded tables (bulk imports: plain map
   * look-ups, no await per record); undefined when not preloaded or when the
   * warehouse or template is unknown, which `resolve` then reports.
   */
  resolvePreloaded(input: RecordReferences): RecordMasterData | undefined {
    if (!this.preloaded) return undefined;
    const warehouse = this.warehouses.get(input.warehouse);
    const template = warehouse && this.templates.get(`${warehouse.code}|${input.template}`);
    if (!warehouse || !template) return undefined;
    // the registry map itself serves: preloaded, it holds no misses
    return { warehouse, template, items: this.items as ReadonlyMap<string, ResolvedItem>, locations: this.locations.get(warehouse.id) ?? new Set() };
  }

  /**
   * Resolves a record's references; unknown warehouse or template codes are
   * problems at the record's path (a template of another warehouse: 422).
   */
  async resolve(input: RecordReferences, problems: Problems, path = ''): Promise<RecordMasterData | undefined> {
    const warehouse = await this.warehouse(input.warehouse);
    if (!warehouse) {
      problems.add({ path: `${path}/warehouse`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'warehouse', key: input.warehouse } });
      return undefined;
    }
    const template = await this.template(warehouse, input.template);
    if (!template) {
      const elsewhere = await this.db.selectFrom('templates').select('id').where('code', '=', input.template).executeTakeFirst();
      problems.add(
        elsewhere
          ? { path: `${path}/template`, code: 'INV_ERR_TEMPLATE_WAREHOUSE', params: { template: input.template, warehouse: warehouse.code } }
          : { path: `${path}/template`, code: 'INV_ERR_NOT_FOUND', params: { entity: 'template', key: input.template } },
      );
      return undefined;
    }
    const items = new Map<string, ResolvedItem>();
    for (const line of input.lines ?? []) {
      const item = await this.item(line.item);
      if (item) items.set(line.item, item);
    }
    return { warehouse, template, items, locations: await this.locationsOf(warehouse.id) };
  }
}
