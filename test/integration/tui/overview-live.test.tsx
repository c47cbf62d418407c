import { describe, expect, it } from 'vitest';
import { appendJobLogs } from '../../../src/db/queries/append-job-logs.js';
import { renderConsole } from '../../support/console-render.js';
import { useTestDatabase } from '../../support/database.js';
import { seedSweep } from '../../support/console-data.js';

describe('overview, live', () => {
  const db = useTestDatabase();

  it('follows jobs by LISTEN/NOTIFY: a job that logs appears without a key, and nothing is read while nothing changes', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Running jobs 0');
    let reads = 0;
    const overview = ui.services.overview.bind(ui.services);
    ui.services.overview = () => {
      reads += 1;
      return overview();
    };
    // Idle: no notice, no read (the daemons line is read on a timer, the overview is not).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reads).toBe(0);
    // A job inserted quietly is not seen until it says something on a channel.
    const jobId = await seedSweep(db.knex, { status: 'running', total: 20, done: 5, failed: 1, description: 'lab sweep' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ui.lastFrame()).toContain('Running jobs 0');
    await appendJobLogs(db.knex, [{ jobId, level: 'info', message: 'device done' }]);
    const frame = await ui.waitFor('Running jobs 1', 5_000);
    expect(frame).toMatch(/lab sweep.*5\/20 1 failed/);
    // A burst of notices costs one read a second at most.
    const before = reads;
    for (let i = 0; i < 20; i++) await appendJobLogs(db.knex, [{ jobId, level: 'info', message: `line ${i}` }]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reads - before).toBeGreaterThanOrEqual(1);
    expect(reads - before).toBeLessThanOrEqual(3);
  });

  it('a lost database connection shows a banner, the console keeps running, and it is back by itself', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    const admin = db.knex;
    // Every other session of this database, the console's LISTEN session and pool included.
    await admin.raw('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await ui.waitFor(() => ui.frames().some((f) => f.includes('database connection lost')), 10_000);
    await ui.waitFor('database connection is back', 10_000);
    await ui.press('ctrlR');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ui.lastFrame()).toContain('Recent failures');
    expect(ui.errors).toEqual([]);
  });
});
