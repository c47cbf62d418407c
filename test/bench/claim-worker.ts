// One benchmark worker process: claims key_rotation jobs with a handler that does nothing, so
// what is measured is the queue (claim, lease, log lines, finish). Prints "ready" once it
// listens, then its count when told to stop (SIGTERM).
import { createKnex } from '../../src/db/connection.js';
import { ControlConnection } from '../../src/db/control-connection.js';
import { JobHandlerRegistry } from '../../src/jobs/job-handler.js';
import { JobLogWriter } from '../../src/db/job-log-writer.js';
import { silentLogger } from '../../src/jobs/logger.js';
import { Worker } from '../../src/jobs/worker.js';

const url = process.env.DATABASE_URL!;
const knex = createKnex(url, 10);
const control = new ControlConnection({ url, applicationName: `netraven-bench:${process.pid}` });
await control.start();
const writer = new JobLogWriter(knex, { flushRows: 500, flushMs: 200 });
let handled = 0;
const registry = new JobHandlerRegistry().register('key_rotation', async () => {
  handled += 1;
  return { status: 'succeeded' };
});
const worker = new Worker({
  db: knex, registry, writer, control, logger: silentLogger, workerId: `bench-${process.pid}`,
  concurrency: Number(process.env.CONCURRENCY ?? 50), leaseSeconds: 30, maxAttempts: 3,
});
await worker.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void (async () => {
    await worker.stop(5_000);
    await writer.close();
    await control.stop();
    await knex.destroy();
    process.stdout.write(`${JSON.stringify({ handled })}\n`);
    process.exit(0);
  })();
});
