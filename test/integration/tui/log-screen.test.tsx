import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceJobHandler, selectSweepDevices } from '../../../src/daemon/job-handlers.js';
import { appendJobLogs } from '../../../src/db/queries/append-job-logs.js';
import { retrievalJobHandler } from '../../../src/jobs/sweep.js';
import { queueSweep } from '../../../src/retrieval/queue-sweep.js';
import { jumpTo } from '../../support/console-keys.js';
import { startLab, type Lab } from '../../support/console-lab.js';
import { renderConsole, type ConsoleHarness } from '../../support/console-render.js';
import { useTestDatabase } from '../../support/database.js';
import { startTestWorker } from '../../support/jobs.js';

const shownLines = (frame: string) => frame.split('\n').filter((l) => /^\d\d:\d\d:\d\d /.test(l));

/** Opens the log of the newest job through the jobs screen. */
async function openNewestLog(ui: ConsoleHarness, requestedBy: string): Promise<void> {
  await ui.waitFor('Recent failures');
  await jumpTo(ui, 'jobs');
  await ui.waitFor(requestedBy);
  await ui.press('enter');
  await ui.waitFor((f) => f.includes('│ log │') && f.includes(`by ${requestedBy}`));
}

describe('log screen', () => {
  const db = useTestDatabase();
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab(db.knex, { devices: 6, prefix: 'ls', latencyMs: 40 });
  });
  afterAll(() => lab.close());

  it("a sweep run by two daemons: its devices' lines appear as either writes them, and the count is every line", async () => {
    const { job } = await queueSweep(db.knex, { kind: 'all' }, 'grace@ops');
    const ui = await renderConsole(db);
    await openNewestLog(ui, 'grace@ops');
    await ui.waitFor('no lines yet');
    const handler = retrievalJobHandler(deviceJobHandler(lab.ctx), selectSweepDevices);
    const a = await startTestWorker(db.knex, db.url, { retrieval: handler }, { workerId: 'daemon-a', concurrency: 2 });
    const b = await startTestWorker(db.knex, db.url, { retrieval: handler }, { workerId: 'daemon-b', concurrency: 2 });
    const frame = await ui.waitFor('end of log (job succeeded)', 30_000);
    const { n } = (await db.knex('job_logs').whereIn('jobId', db.knex('jobs').select('id').where({ id: job.id }).orWhere({ parentJobId: job.id })).count('* as n').first()) as { n: string };
    expect(frame).toContain(`end of log (job succeeded) · ${n} lines`);
    // Both daemons ran devices of it and wrote their lines.
    expect(a.writer.written).toBeGreaterThan(0);
    expect(b.writer.written).toBeGreaterThan(0);
    const starts = await db.knex('job_logs').whereIn('jobId', db.knex('jobs').select('id').where({ parentJobId: job.id })).where('message', 'like', '%started on daemon-%').pluck('message');
    expect(new Set(starts.map((m: string) => /daemon-[ab]/.exec(m)![0]))).toEqual(new Set(['daemon-a', 'daemon-b']));
    // The newest line of the sweep is the last one shown, and device lines are among those shown.
    const newest = (await db.knex('job_logs').whereIn('jobId', db.knex('jobs').select('id').where({ id: job.id }).orWhere({ parentJobId: job.id })).orderBy('id', 'desc').first('message')) as { message: string };
    expect(shownLines(frame).at(-1)).toContain(newest.message.replace(/^ls-\d+: /, '').slice(0, 30));
    expect(frame).toMatch(/ ls-000[1-6] /);
  }, 60_000);

  it(':log without a job shows the newest job, and stays on it when a newer one comes', async () => {
    const { job } = await queueSweep(db.knex, { kind: 'tag', tag: 'even' }, 'kate@ops');
    await appendJobLogs(db.knex, [{ jobId: job.id, level: 'info', message: 'the newest job speaks' }]);
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'log');
    await ui.waitFor((f) => f.includes('by kate@ops') && f.includes('the newest job speaks'));
    await queueSweep(db.knex, { kind: 'tag', tag: 'even' }, 'liam@ops');
    await appendJobLogs(db.knex, [{ jobId: job.id, level: 'info', message: 'still this one' }]);
    const frame = await ui.waitFor('still this one', 10_000);
    expect(frame).toContain('by kate@ops');
    expect(frame).not.toContain('liam@ops');
  });

  it('scrolling up pauses following and says so; lines written meanwhile are counted, not scrolled in; G follows again', async () => {
    const { job } = await queueSweep(db.knex, { kind: 'tag', tag: 'even' }, 'heidi@ops');
    await appendJobLogs(db.knex, Array.from({ length: 100 }, (_, i) => ({ jobId: job.id, level: 'info' as const, message: `first ${String(i).padStart(3, '0')}` })));
    const ui = await renderConsole(db);
    await openNewestLog(ui, 'heidi@ops');
    await ui.waitFor((f) => f.includes('following · 100 lines') && f.includes('first 099'));
    await ui.press('k');
    let frame = await ui.waitFor('paused: G or f follows');
    expect(shownLines(frame).at(-1)).toContain('first 098');
    await appendJobLogs(db.knex, [{ jobId: job.id, level: 'warn', message: 'arrived while paused' }]);
    frame = await ui.waitFor('paused: G or f follows · 1 new · 101 lines', 10_000);
    expect(frame).not.toContain('arrived while paused');
    await ui.press('pageUp', 'pageUp');
    // One line up, then two pages of 17 (a view of 18 lines keeps one in common).
    frame = await ui.waitFor((f) => shownLines(f)[0]?.includes('first 047') === true);
    await ui.press('G');
    frame = await ui.waitFor((f) => f.includes('following · 101 lines') && shownLines(f).at(-1)?.includes('arrived while paused') === true);
    // Scrolling back down onto the newest line follows again too.
    await ui.press('k');
    await ui.waitFor('paused: G or f follows');
    await ui.press('j');
    await ui.waitFor('following · 101 lines');
  });

  it('100,000 lines: opens at the end, g reads the start and G the end, paging on across pages; every read is a page, never the log', async () => {
    const { job } = await queueSweep(db.knex, { kind: 'all' }, 'ivan@ops');
    for (let start = 0; start < 100_000; start += 10_000) {
      await appendJobLogs(db.knex, Array.from({ length: 10_000 }, (_, i) => ({ jobId: job.id, level: 'info' as const, message: `bulk ${String(start + i).padStart(6, '0')}` })));
    }
    const ui = await renderConsole(db);
    const reads: number[] = [];
    const page = ui.services.jobLogPage.bind(ui.services);
    ui.services.jobLogPage = (jobId, filter, request, count) => {
      reads.push(request.limit);
      return page(jobId, filter, request, count);
    };
    await openNewestLog(ui, 'ivan@ops');
    await ui.waitFor((f) => f.includes('following · 100,000 lines') && shownLines(f).at(-1)?.includes('bulk 099999') === true, 20_000);
    await ui.press('g');
    await ui.waitFor((f) => shownLines(f)[0]?.includes('bulk 000000') === true, 20_000);
    for (let i = 0; i < 40; i++) await ui.press('pageDown');
    // 40 pages of 17 lines on: past the first page read (500 lines), without a gap.
    const frame = await ui.waitFor((f) => shownLines(f)[0]?.includes('bulk 000680') === true, 20_000);
    const numbers = shownLines(frame).map((l) => Number(/bulk (\d+)/.exec(l)![1]));
    expect(numbers).toEqual(numbers.map((_, i) => 680 + i));
    await ui.press('G');
    await ui.waitFor((f) => f.includes('following') && shownLines(f).at(-1)?.includes('bulk 099999') === true, 20_000);
    expect(Math.max(...reads)).toBeLessThanOrEqual(500);
    expect(reads.length).toBeLessThan(12);
    expect(ui.errors).toEqual([]);
  }, 90_000);

  it('keys pressed while the log is slow to read: each is taken, and the screen shows what the last asked for', async () => {
    const { job } = await queueSweep(db.knex, { kind: 'tag', tag: 'even' }, 'judy@ops');
    await appendJobLogs(db.knex, [
      ...Array.from({ length: 50 }, (_, i) => ({ jobId: job.id, level: 'info' as const, message: `plain ${i}` })),
      { jobId: job.id, level: 'error', message: 'the one error' },
    ]);
    const ui = await renderConsole(db);
    await openNewestLog(ui, 'judy@ops');
    await ui.waitFor('following · 51 lines');
    const page = ui.services.jobLogPage.bind(ui.services);
    ui.services.jobLogPage = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return page(...args);
    };
    // Three level changes, wrap, a device filter typed: all while reads are in flight.
    await ui.press('l', 'l', 'l', 'w', '/', 'x', 'escape');
    let frame = await ui.waitFor('errors only');
    expect(frame).toContain('wrap');
    frame = await ui.waitFor((f) => f.includes('1 lines · errors only') && shownLines(f).length === 1, 15_000);
    expect(shownLines(frame)[0]).toContain('the one error');
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
