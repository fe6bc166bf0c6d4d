/**
 * `twofa/postgres`: a {@link TwoFactorStore} on PostgreSQL, for several
 * server instances of an app that has a database and no Redis. Works with
 * `pg` (a Pool, or a Client) and `postgres` (postgres.js).
 * @module
 */
import { createTableSql, quotedTable, statements } from './postgres-sql.js';
import { claimOwner, storeKey, storeTtl, storeValue } from './store-args.js';
import type { StoreHit, TwoFactorStore } from './store.js';

/** Options of {@link postgresStore}. */
export interface PostgresStoreOptions {
  /** The table, optionally schema-qualified (`myschema.twofa_store`); default `twofa_store`. */
  table?: string;
  /** Create the table and its index on first use if they are missing; default `false`. */
  createTable?: boolean;
}

/** A {@link TwoFactorStore} on PostgreSQL, with a clean-up you may also run yourself. */
export interface PostgresStore extends TwoFactorStore {
  release(key: string, owner: string): Promise<void>;
  /**
   * Deletes up to 500 expired rows and resolves to how many went. The store
   * runs it by itself after every 64th write; call it from a scheduled job
   * only if you want the table tidier than that.
   */
  removeExpired(): Promise<number>;
}

/**
 * The SQL that creates the default table `twofa_store` and its index (run it
 * in a migration, or pass `createTable: true`). For another table name,
 * {@link postgresTableSql}.
 */
export const POSTGRES_TABLE_SQL = createTableSql();

/** The SQL that creates the table `table` (optionally schema-qualified) and its index. */
export function postgresTableSql(table: string): string {
  return createTableSql(table);
}

type Row = Record<string, unknown>;

/** What the store needs from a client: one prepared statement, or a script of several. */
interface Client {
  query(name: string, text: string, values: unknown[]): Promise<Row[]>;
  script(text: string): Promise<unknown>;
}

function rows(result: unknown): Row[] {
  if (!Array.isArray(result)) throw new Error('postgresStore: unexpected result from the database client (no rows)');
  return result as Row[];
}

function clientOf(client: unknown): Client {
  const sql = client as {
    unsafe?: (text: string, values?: unknown[], options?: { prepare?: boolean }) => { simple(): Promise<unknown> } & Promise<unknown>;
    options?: { prepare?: boolean };
  };
  // postgres.js: `sql` is a function with `unsafe`; prepared statements unless the app turned them off (PgBouncer).
  if (typeof client === 'function' && typeof sql.unsafe === 'function') {
    const prepare = sql.options?.prepare !== false;
    return {
      query: async (_name, text, values) => rows(await sql.unsafe!(text, values, { prepare })),
      script: (text) => sql.unsafe!(text).simple(),
    };
  }
  // pg: Pool and Client both have query(config) -> { rows }; a name makes it a prepared statement per connection.
  const pg = client as { query?: (config: unknown) => Promise<{ rows?: unknown }> } | null;
  if (pg && typeof pg.query === 'function') {
    return {
      query: async (name, text, values) => rows((await pg.query!({ name, text, values }))?.rows),
      script: (text) => pg.query!(text),
    };
  }
  throw new TypeError('postgresStore: expected a Pool or Client from the `pg` package, or a `postgres` (postgres.js) sql function');
}

/** The error of a missing table says what to do about it. */
function explained(error: unknown, table: string): unknown {
  if ((error as { code?: unknown } | null)?.code !== '42P01') return error;
  return new Error(
    `postgresStore: the table ${table} does not exist; create it with POSTGRES_TABLE_SQL ` +
      "(from 'twofa/postgres', shown in the README) or pass { createTable: true }",
    { cause: error },
  );
}

/** Writes between two clean-ups of expired rows. */
const WRITES_PER_SWEEP = 64;

/**
 * A store on PostgreSQL. `hit`, `claim` and `put` are each one atomic
 * `INSERT … ON CONFLICT … DO UPDATE` (an expired row counts as absent), so
 * concurrent requests on any number of server instances agree on which one
 * used a code; every time is the database's, so instances with skewed
 * clocks agree on windows. Expired rows are deleted in bounded batches
 * after every 64th write: no cron job is needed.
 *
 * Pass a pool (`pg.Pool`, or a postgres.js `sql`), not a single connection,
 * so that the store reconnects after the database restarts.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { postgresStore } from 'twofa/postgres';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * pool.on('error', () => {}); // idle connections lost in a restart are replaced
 * const twofa = createTwoFactor({ issuer: 'Acme', keys, store: postgresStore(pool, { createTable: true }) });
 * ```
 */
export function postgresStore(client: unknown, opts: PostgresStoreOptions = {}): PostgresStore {
  const db = clientOf(client);
  const table = quotedTable(opts.table ?? 'twofa_store').plain;
  const sql = statements(table);
  // Prepared statement names, one set per table (a connection keeps each name for one text).
  const name = (method: keyof typeof sql) => `twofa_${method}_${table}`;
  let ready: Promise<void> | undefined;
  let writes = 0;
  let sweeping = false;

  function ensureTable(): Promise<void> | undefined {
    if (!opts.createTable) return undefined;
    // One script, one implicit transaction: the advisory lock keeps concurrent first uses from colliding.
    ready ??= db.script(`SELECT pg_advisory_xact_lock(hashtext('twofa_store:${table}'));\n${createTableSql(table)}`)
      .then(() => undefined, (error: unknown) => { ready = undefined; throw error; });
    return ready;
  }

  async function run(method: keyof typeof sql, values: unknown[]): Promise<Row[]> {
    await ensureTable();
    try {
      return await db.query(name(method), sql[method], values);
    } catch (error) {
      throw explained(error, table);
    }
  }

  async function removeExpired(): Promise<number> {
    const [row] = await run('sweep', []);
    if (typeof row?.removed !== 'number') throw new Error('postgresStore: unexpected result of the clean-up statement');
    return row.removed;
  }

  /** After every 64th write, one bounded clean-up, in the background: its failure changes no answer. */
  function wrote(): void {
    if (++writes % WRITES_PER_SWEEP !== 0 || sweeping) return;
    sweeping = true;
    removeExpired().catch(() => {}).finally(() => { sweeping = false; });
  }

  return {
    async hit(key: string, ttlSeconds: number): Promise<StoreHit> {
      const [row] = await run('hit', [storeKey(key), storeTtl(ttlSeconds)]);
      wrote();
      const count = row?.count;
      const resetInMs = row?.reset_in_ms;
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || typeof resetInMs !== 'number' || !(resetInMs >= 0)) {
        throw new Error('postgresStore: unexpected result of the hit statement');
      }
      return { count, resetInMs };
    },
    async reset(key: string): Promise<void> {
      await run('reset', [storeKey(key)]);
    },
    async claim(key: string, ttlSeconds: number, owner?: string): Promise<boolean> {
      const result = await run('claim', [storeKey(key), storeTtl(ttlSeconds), claimOwner(owner)]);
      wrote();
      if (result.length > 1) throw new Error('postgresStore: unexpected result of the claim statement');
      return result.length === 1;
    },
    async get(key: string): Promise<string | null> {
      const [row, ...more] = await run('get', [storeKey(key)]);
      const value = row === undefined ? null : row.value;
      if (more.length > 0 || (value !== null && typeof value !== 'string')) {
        throw new Error('postgresStore: unexpected result of the get statement');
      }
      return value;
    },
    async put(key: string, value: string, ttlSeconds: number): Promise<void> {
      await run('put', [storeKey(key), storeTtl(ttlSeconds), storeValue(value)]);
      wrote();
    },
    async release(key: string, owner: string): Promise<void> {
      await run('release', [storeKey(key), storeKey(owner, 'owner')]);
    },
    removeExpired,
  };
}
