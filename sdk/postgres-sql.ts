/**
 * The SQL of `postgresStore`: its table and one statement per store method.
 * Every time is the database's (`statement_timestamp()`, one instant per
 * statement), never the application's, so server instances with skewed
 * clocks share one window.
 * @internal
 * @module
 */

/** How many expired rows one clean-up deletes at most. */
export const SWEEP_LIMIT = 500;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** A table name, optionally schema-qualified, validated and double-quoted. */
export function quotedTable(table: string): { quoted: string; plain: string; index: string } {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) {
    throw new TypeError('postgresStore: `table` must be a name like twofa_store or myschema.twofa_store (letters, digits, _)');
  }
  return {
    quoted: parts.map((p) => `"${p}"`).join('.'),
    plain: table,
    index: `"${parts.at(-1)}_expires_at"`,
  };
}

/** The table and its index, as one script that is safe to run again. */
export function createTableSql(table = 'twofa_store'): string {
  const t = quotedTable(table);
  return `CREATE TABLE IF NOT EXISTS ${t.quoted} (
  key text COLLATE "C" PRIMARY KEY,
  count integer NOT NULL,
  value text,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ${t.index} ON ${t.quoted} (expires_at);
`;
}

/** The statements of one table; `$n` parameters as the methods pass them. */
export function statements(table: string) {
  const t = quotedTable(table).quoted;
  const now = 'statement_timestamp()';
  const expiry = `${now} + $2::integer * interval '1 second'`;
  const live = `s.expires_at > ${now}`;
  return {
    // One atomic upsert: a live window counts on, an expired one starts again at 1.
    hit: `INSERT INTO ${t} AS s (key, count, expires_at) VALUES ($1, 1, ${expiry})
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN ${live} THEN s.count + 1 ELSE 1 END,
  value = CASE WHEN ${live} THEN s.value END,
  expires_at = CASE WHEN ${live} THEN s.expires_at ELSE EXCLUDED.expires_at END
RETURNING count, ceil(extract(epoch FROM s.expires_at - ${now}) * 1000)::float8 AS reset_in_ms`,
    // Inserted, or taken over from an expired row: a row comes back for exactly one caller.
    claim: `INSERT INTO ${t} AS s (key, count, value, expires_at) VALUES ($1, 1, $3, ${expiry})
ON CONFLICT (key) DO UPDATE SET count = 1, value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
WHERE s.expires_at <= ${now}
RETURNING 1 AS claimed`,
    get: `SELECT value FROM ${t} WHERE key = $1 AND expires_at > ${now}`,
    put: `INSERT INTO ${t} AS s (key, count, value, expires_at) VALUES ($1, 0, $3, ${expiry})
ON CONFLICT (key) DO UPDATE SET count = 0, value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
    reset: `DELETE FROM ${t} WHERE key = $1`,
    release: `DELETE FROM ${t} WHERE key = $1 AND value = $2`,
    // Oldest expired rows first (the index on expires_at), skipping rows another instance is deleting.
    sweep: `WITH gone AS (
  DELETE FROM ${t} WHERE expires_at <= ${now} AND key IN (
    SELECT key FROM ${t} WHERE expires_at <= ${now} ORDER BY expires_at LIMIT ${SWEEP_LIMIT} FOR UPDATE SKIP LOCKED)
  RETURNING 1)
SELECT count(*)::integer AS removed FROM gone`,
  };
}
