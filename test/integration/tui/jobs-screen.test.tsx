import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueSweep } from '../../../src/retrieval/queue-sweep.js';
import { jumpTo } from '../../support/console-keys.js';
import { startLab, type Lab } from '../../support/console-lab.js';
import { renderConsole, type ConsoleHarness } from '../../support/console-render.js';
import { useTestDatabase } from '../../support/database.js';

const rowsOf = (frame: string) => frame.split('\n').filter((l) => /^(retrieval|purge|rotation) /.test(l));

describe('jobs screen', () => {
  const db = useTestDatabase();
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab(db.knex, { devices: 4, prefix: 'jb' });
    await lab.sweep({ kind: 'tag', tag: 'even' }, { requestedBy: 'kim@ops' });
    await lab.sweep({ kind: 'hostnames', hostnames: ['jb-0001', 'jb-0004'] }, { requestedBy: 'lee@ops' });
  });
  afterAll(() => lab.close());

  async function open(): Promise<ConsoleHarness> {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'jobs');
    await ui.waitFor('kim@ops');
    return ui;
  }

  it('shows the jobs the services wrote, newest first: kind, target, status, progress, who, when, how long, and the id of the one highlighted', async () => {
    const ui = await open();
    const frame = ui.lastFrame();
    expect(frame).toMatch(/^kind +target +status +progress requested by started +took$/m);
    const rows = rowsOf(frame);
    expect(rows[0]).toMatch(/^retrieval jb-0001, jb-0… succeeded +2\/2 lee@ops +\d+ s ago +\d+ s$/);
    expect(rows[1]).toMatch(/^retrieval tag even +succeeded +2\/2 kim@ops +\d+ s ago +\d+ s$/);
    const newest = (await db.knex('jobs').whereNull('parentJobId').orderBy('createdAt', 'desc').first('id')) as { id: string };
    expect(frame).toContain(newest.id);
    // Device jobs of the sweeps are in their logs, not in this list.
    expect(frame).not.toMatch(/^retrieval jb-0002 /m);
  });

  it('live: a queued sweep appears at the top without a key (NOTIFY), and the sweep that runs it moves to succeeded', async () => {
    const ui = await open();
    const { job } = await queueSweep(db.knex, { kind: 'tag', tag: 'lab' }, 'mia@ops');
    let frame = await ui.waitFor((f) => rowsOf(f)[0]?.includes('mia@ops') === true, 10_000);
    expect(rowsOf(frame)[0]).toMatch(/^retrieval tag lab +queued/);
    // The highlight stays on the job it was on.
    expect(ui.selectedRow()).toContain('lee@ops');
    // Nothing runs it here (no daemon): an in-process sweep stands in, and the list follows it.
    await db.knex('jobs').where({ id: job.id }).delete();
    await lab.sweep({ kind: 'tag', tag: 'lab' }, { requestedBy: 'mia@ops' });
    frame = await ui.waitFor((f) => /^retrieval tag lab +succeeded +4\/4 mia@ops/m.test(f), 10_000);
    expect(frame).not.toMatch(/queued/);
  });

  it('keyset-paged: 250 jobs scroll to the last with G and back with g, and PgDn moves a page', async () => {
    for (let i = 0; i < 250; i++) await queueSweep(db.knex, { kind: 'hostnames', hostnames: [`jb-000${(i % 4) + 1}`] }, `bulk-${String(i).padStart(3, '0')}`);
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'jobs');
    await ui.waitFor('bulk-249');
    await ui.press('G');
    await ui.waitFor(() => ui.selectedRow()?.includes('kim@ops') === true, 10_000);
    await ui.press('g');
    await ui.waitFor(() => ui.selectedRow()?.includes('bulk-249') === true, 10_000);
    await ui.press('pageDown');
    await ui.waitFor(() => ui.selectedRow()?.includes('bulk-233') === true);
    await db.knex('jobs').where('requestedBy', 'like', 'bulk-%').delete();
  }, 60_000);

  it('keys pressed while the list is slow to read: movement and the filter field answer at once, the last filter wins', async () => {
    const ui = await open();
    const page = ui.services.jobsPage.bind(ui.services);
    ui.services.jobsPage = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return page(...args);
    };
    await ui.press('/', ...'failed'.split(''), 'enter');
    await ui.press('/');
    // The field opens while the read of "failed" is still running.
    await ui.waitFor('Enter applies', 1_000);
    await ui.press('escape');
    const frame = await ui.waitFor((f) => f.includes('all (/ filters)') && f.includes('kim@ops') && f.includes('lee@ops'), 10_000);
    expect(frame).not.toContain('no job passes the filter');
    expect(ui.errors).toEqual([]);
  });
});
