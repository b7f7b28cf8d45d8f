/**
 * Runs once before the suite (vitest globalSetup): checks INVENTAR_TEST_DIALECTS
 * (an unknown name fails the run) and prints which databases the run uses, so a
 * SQLite-only run never passes for a run on both.
 */
import pg from 'pg';
import { PG_URL, parseDialects } from './store.ts';

export default async function setup(): Promise<void> {
  const dialects = parseDialects();
  if (dialects.includes('postgres')) {
    // unreachable PostgreSQL is one clear error, not a failure in every file
    const client = new pg.Client({ connectionString: PG_URL });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (e) {
      throw new Error(`INVENTAR_TEST_DIALECTS includes postgres but ${PG_URL} cannot be reached: ${(e as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const described = dialects.map((d) => (d === 'postgres' ? `postgres (${PG_URL.replace(/\/\/[^@/]*@/, '//')})` : d));
  console.log(`[inventar tests] databases: ${described.join(', ')}`);
}
