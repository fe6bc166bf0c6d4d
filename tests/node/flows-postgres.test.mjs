// The same flow suites on postgresStore (a pg Pool) against a private
// PostgreSQL. PostgreSQL keeps its own time, so suites that move the
// injected clock past a store window skip those steps.
import { after, before } from 'node:test';
import pg from 'pg';
import { POSTGRES_TABLE_SQL, postgresStore } from 'twofa/postgres';
import { harness } from '../flows/harness.mjs';
import { flowSuites } from '../flows/suites/index.mjs';
import { startPostgres } from '../support/postgres.mjs';

let db;
let pool;
before(async () => {
  db = await startPostgres();
  pool = new pg.Pool({ ...db.config, max: 10 });
  await pool.query(POSTGRES_TABLE_SQL);
});
after(async () => {
  await pool?.end();
  db?.destroy();
});

flowSuites(harness({ name: 'postgresStore', storeFollowsClock: false, make: () => postgresStore(pool) }));
