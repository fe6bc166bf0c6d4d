// node16 resolution from a CommonJS module.
import twofa = require('twofa');
import redis = require('twofa/redis');
import pg = require('twofa/postgres');
import lite = require('twofa/browser');

const error: twofa.TwoFactorError = new twofa.TwoFactorError('NOT_ENROLLED', 'x');
const store: twofa.TwoFactorStore = redis.redisStore({});
const secret: string = lite.generateSecret({ bytes: 20 });
const shared: twofa.TwoFactorStore = pg.postgresStore({}, { table: 'twofa_store' });
void [error, store, secret, shared, pg.POSTGRES_TABLE_SQL.length];
