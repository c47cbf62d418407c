import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../../src/console/console-services.js';
import { appendJobLogs } from '../../../src/db/queries/append-job-logs.js';
import type { LogLine } from '../../../src/db/queries/job-log-page.js';
import { seedDevices, seedSweep } from '../../support/console-data.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';

describe('console actions: jobs, job logs, search', () => {
  const db = useTestDatabase();
  let services: ConsoleServices;

  beforeAll(async () => {
    services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: tempKeyring(), actor: { name: 'alice@ops', role: 'admin', via: 'local' } });
  });
  afterAll(async () => {
    await services.close();
  });

  it('jobsPage: newest first, keyset-paged both ways, filtered by status and kind, device jobs and schedules left out', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await seedSweep(db.knex, { status: i % 2 ? 'succeeded' : 'running', total: 3, done: 1, failed: 0, description: `sweep ${i}`, minutesAgo: 100 - i }));
    const [device] = [...(await seedDevices(db.knex, [{ hostname: 'child-1', daysAgo: null }])).values()];
    await db.knex('jobs').insert({ kind: 'retrieval', status: 'running', parentJobId: ids[0], deviceId: device });
    await db.knex('jobs').insert({ kind: 'retrieval', schedule: '0 2 * * *', target: {} });
    await db.knex('jobs').insert({ kind: 'purge', status: 'succeeded', target: { description: 'retention purge' } });

    const first = await services.jobsPage({}, { limit: 4 });
    expect(first.items.map((i) => i.row.target)).toEqual(['retention purge', 'sweep 6', 'sweep 5', 'sweep 4']);
    expect(first.more).toBe(true);
    const next = await services.jobsPage({}, { after: first.items.at(-1)!.cursor, limit: 4 });
    expect(next.items.map((i) => i.row.target)).toEqual(['sweep 3', 'sweep 2', 'sweep 1', 'sweep 0']);
    expect(next.more).toBe(false);
    const back = await services.jobsPage({}, { before: next.items[0]!.cursor, limit: 2 });
    expect(back.items.map((i) => i.row.target)).toEqual(['sweep 5', 'sweep 4']);
    const last = await services.jobsPage({}, { last: true, limit: 2 });
    expect(last.items.map((i) => i.row.target)).toEqual(['sweep 1', 'sweep 0']);

    const running = await services.jobsPage({ statuses: ['running'] }, { limit: 50 });
    expect(running.items.map((i) => i.row.target)).toEqual(['sweep 6', 'sweep 4', 'sweep 2', 'sweep 0']);
    const purges = await services.jobsPage({ kinds: ['purge'], statuses: ['succeeded', 'failed'] }, { limit: 50 });
    expect(purges.items.map((i) => i.row.kind)).toEqual(['purge']);
    expect(first.items[1]!.row).toMatchObject({ kind: 'retrieval', status: 'running', requestedBy: 'tester@test', progressTotal: 3, progressDone: 1, cancelRequested: false });
    await db.knex('jobs').delete();
  });

  it('the jobs list is served by jobs_top_level_created_idx (no sort, no scan of device jobs)', async () => {
    const plan = await db.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      await trx.raw('SET LOCAL enable_bitmapscan = off');
      const { rows } = await trx.raw(
        `EXPLAIN SELECT id FROM jobs j WHERE j.schedule IS NULL AND j.device_id IS NULL AND (j.created_at, j.id) < (now(), gen_random_uuid())
         ORDER BY j.created_at DESC, j.id DESC LIMIT 201`,
      );
      return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan Backward using jobs_top_level_created_idx/);
    expect(plan).not.toMatch(/Sort/);
  });

  it('job and cancelJob: a running sweep is flagged and its queued devices cancelled; a finished one has nothing to cancel', async () => {
    const sweep = await seedSweep(db.knex, { status: 'running', total: 2, done: 0, failed: 0, description: 'to cancel' });
    const ids = await seedDevices(db.knex, [{ hostname: 'queued-a', daysAgo: null }, { hostname: 'queued-b', daysAgo: null }]);
    for (const deviceId of ids.values()) await db.knex('jobs').insert({ kind: 'retrieval', status: 'queued', parentJobId: sweep, deviceId });
    await expect(services.job(sweep)).resolves.toMatchObject({ id: sweep, target: 'to cancel', status: 'running' });
    const result = await services.cancelJob(sweep);
    expect(result).toMatchObject({ childrenCancelled: 2 });
    const after = await services.job(sweep);
    expect(after.cancelRequested).toBe(true);
    expect(await db.knex('jobs').where({ parentJobId: sweep }).pluck('status')).toEqual(['cancelled', 'cancelled']);
    const done = await seedSweep(db.knex, { status: 'succeeded', total: 1, done: 1, failed: 0, description: 'done' });
    await expect(services.cancelJob(done)).resolves.toMatchObject({ outcome: 'finished', status: 'succeeded' });
    await expect(services.job('not-a-job')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(services.job('0b6f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  describe('job logs', () => {
    let sweep: string;
    let child: string;

    beforeAll(async () => {
      const ids = await seedDevices(db.knex, [{ hostname: 'core-sw1', daysAgo: null }]);
      sweep = await seedSweep(db.knex, { status: 'running', total: 1, done: 0, failed: 0, description: 'logs' });
      const [c] = (await db.knex('jobs').insert({ kind: 'retrieval', status: 'running', parentJobId: sweep, deviceId: ids.get('core-sw1') }).returning('id')) as Array<{ id: string }>;
      child = c!.id;
      const lines = Array.from({ length: 30 }, (_, i) => ({
        jobId: i % 3 === 0 ? sweep : child,
        deviceId: i % 3 === 0 ? null : ids.get('core-sw1'),
        level: (['debug', 'info', 'warn', 'error'] as const)[i % 4]!,
        message: `line ${i}`,
      }));
      await appendJobLogs(db.knex, lines);
      // Another job's lines never show in this log.
      const other = await seedSweep(db.knex, { status: 'running', total: 1, done: 0, failed: 0, description: 'other' });
      await appendJobLogs(db.knex, [{ jobId: other, level: 'error', message: 'not mine' }]);
    });

    const texts = (lines: LogLine[]) => lines.map((l) => l.message);

    it('pages by id both ways with the sweep and its devices, and counts what passes the filter', async () => {
      const tail = await services.jobLogPage(sweep, {}, { last: true, limit: 10 }, true);
      expect(texts(tail.lines)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${20 + i}`));
      expect(tail).toMatchObject({ more: true, total: 30 });
      expect(tail.lastId).toBe(tail.lines.at(-1)!.id);
      const before = await services.jobLogPage(sweep, {}, { before: tail.lines[0]!.id, limit: 25 });
      expect(texts(before.lines)).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i}`));
      expect(before.more).toBe(false);
      const after = await services.jobLogPage(sweep, {}, { after: before.lines[4]!.id, limit: 3 });
      expect(texts(after.lines)).toEqual(['line 5', 'line 6', 'line 7']);
      expect(after.lines[0]).toMatchObject({ hostname: 'core-sw1', level: 'info' });
      expect(after.lines[1]).toMatchObject({ hostname: null, level: 'warn' });
      // A device job's own log: only its lines.
      const own = await services.jobLogPage(child, {}, { last: true, limit: 100 }, true);
      expect(own.total).toBe(20);
    });

    it('level and device filters; regex and SQL characters are taken literally; a long device text is refused', async () => {
      const warn = await services.jobLogPage(sweep, { minLevel: 'warn' }, { last: true, limit: 100 }, true);
      expect(warn.lines.every((l) => l.level === 'warn' || l.level === 'error')).toBe(true);
      expect(warn.total).toBe(14);
      const device = await services.jobLogPage(sweep, { device: 'CORE' }, { last: true, limit: 100 }, true);
      expect(device.total).toBe(20);
      expect(device.lines.every((l) => l.hostname === 'core-sw1')).toBe(true);
      for (const hostile of ['%', '_', '.*', "'; DROP TABLE jobs; --", '\\', 'core.*']) {
        const page = await services.jobLogPage(sweep, { device: hostile }, { last: true, limit: 100 }, true);
        expect(page.total, hostile).toBe(0);
      }
      expect(await db.knex('jobs').count()).toBeTruthy();
      await expect(services.jobLogPage(sweep, { device: 'x'.repeat(300) }, { last: true, limit: 10 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    });

    it('followJobLog hands over the lines another writer adds after an id, until the job finishes', async () => {
      const tail = await services.jobLogPage(sweep, {}, { last: true, limit: 1 });
      const seen: LogLine[] = [];
      const stop = new AbortController();
      const following = services.followJobLog(sweep, tail.lastId, (lines) => seen.push(...lines), stop.signal);
      await appendJobLogs(db.knex, [{ jobId: child, level: 'info', message: 'live 1' }, { jobId: sweep, level: 'info', message: 'live 2' }]);
      const until = Date.now() + 10_000;
      while (seen.length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(texts(seen)).toEqual(['live 1', 'live 2']);
      expect(seen[0]).not.toHaveProperty('data');
      await db.knex('jobs').whereIn('id', [sweep, child]).update({ status: 'succeeded', finishedAt: db.knex.fn.now() });
      await db.knex.raw("SELECT pg_notify('netraven_job_status', ?)", [JSON.stringify({ jobId: sweep, parentJobId: null, status: 'succeeded' })]);
      await expect(following).resolves.toEqual({ status: 'succeeded' });
      stop.abort();
    });
  });

  it('search: the service with its limits; empty and over-long text are refused', async () => {
    const ids = await seedDevices(db.knex, [{ hostname: 'search-1', daysAgo: 0 }]);
    await db.knex('device_configurations').insert({ deviceId: ids.get('search-1'), content: 'hostname search-1\nsnmp-server community s3cret RO\n', contentHash: 'a'.repeat(64), sizeBytes: 40 });
    const found = await services.searchConfigurations('snmp-server', { history: false, substring: false });
    expect(found).toMatchObject({ limit: 100, linesPerConfiguration: 20 });
    expect(found.matches).toEqual([expect.objectContaining({ hostname: 'search-1', lines: [{ number: 2, text: 'snmp-server community s3cret RO' }] })]);
    expect((await services.searchConfigurations('mp-ser', { history: false, substring: true })).matches).toHaveLength(1);
    expect((await services.searchConfigurations('mp-ser', { history: false, substring: false })).matches).toHaveLength(0);
    await expect(services.searchConfigurations('   ', { history: false, substring: false })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(services.searchConfigurations('x'.repeat(1_001), { history: true, substring: false })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('at most 1000') });
  });
});
