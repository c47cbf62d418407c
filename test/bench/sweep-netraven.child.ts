// Benchmark child: one NetRaven sweep of every device with a tag, through the real retrieval path.
import { createKnex } from '../../src/db/connection.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';
import { credentialLogins } from '../../src/retrieval/credential-logins.js';
import { loadRetrievalContext } from '../../src/retrieval/retrieval-context.js';
import { runSweep } from '../../src/retrieval/sweep.js';
import { measure } from './bench-child.js';

const [url, keyFile, tag, concurrency] = process.argv.slice(2) as [string, string, string, string];
// 10 connections: the default of database.pool_size, as `netraven retrieve` would have.
const knex = createKnex(url, 10);
const ctx = await loadRetrievalContext(knex, credentialLogins(knex, new KeyringSource(keyFile)), { concurrency: Number(concurrency) });
let total = 0;
const report = await measure(0, async () => {
  const result = await runSweep(ctx, { target: { kind: 'tag', tag } });
  total = result.total;
  return { changed: result.changed, unchanged: result.unchanged, failed: result.failed, failures: result.failuresByCode };
});
await knex.destroy();
process.stdout.write(`${JSON.stringify({ ...report, devices: total, devicesPerSecond: total / report.seconds })}\n`);
