import { afterAll, beforeAll, describe, expect } from 'vitest';
import { queueSweep } from '../../../../src/retrieval/queue-sweep.js';
import type { SweepResult } from '../../../../src/retrieval/sweep.js';
import { bindingTest } from '../../../support/binding-test.js';
import { jumpTo } from '../../../support/console-keys.js';
import { renderConsole, type ConsoleHarness } from '../../../support/console-render.js';
import { startLab, type Lab } from '../../../support/console-lab.js';
import { useTestDatabase } from '../../../support/database.js';

/** The jobs screen's keys, on jobs and logs the retrieval service wrote for simulated devices. */
describe('jobs keys', () => {
  const db = useTestDatabase();
  let lab: Lab;
  let failedSweep: string;

  beforeAll(async () => {
    lab = await startLab(db.knex, { devices: 4, prefix: 'jk', latencyMs: 0 });
    await lab.sweep({ kind: 'tag', tag: 'even' }, { requestedBy: 'alice@ops' });
    // A device that is down makes the next sweep partly fail.
    await db.knex('devices').where({ hostname: 'jk-0004' }).update({ port: 1 });
    failedSweep = (await lab.sweep({ kind: 'all' }, { requestedBy: 'bob@ops' })).jobId;
    await db.knex('devices').where({ hostname: 'jk-0004' }).update({ port: lab.fleet.devices[3]!.port });
  });
  afterAll(() => lab.close());

  async function jobsScreen(): Promise<ConsoleHarness> {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'jobs');
    await ui.waitFor('bob@ops');
    return ui;
  }

  bindingTest('open-log', "Enter opens the highlighted job's log (the sweep with its devices' lines); in the overview, Enter on a running job", async () => {
    const ui = await jobsScreen();
    expect(ui.selectedRow()).toContain('bob@ops');
    await ui.press('enter');
    let frame = await ui.waitFor(/│ log │/);
    // Following: the newest lines the retrieval service wrote for the sweep and its devices.
    const newest = (await db.knex('job_logs').whereIn('jobId', db.knex('jobs').select('id').where({ id: failedSweep }).orWhere({ parentJobId: failedSweep })).orderBy('id', 'desc').first('message')) as { message: string };
    frame = await ui.waitFor((f) => f.includes(newest.message.slice(0, 30)) && f.includes('retrieval "all enabled devices" · partial 4/4 ✗1 · by bob@ops'));
    frame = await ui.waitFor('end of log (job partially_succeeded)');
    expect(frame).toMatch(/ jk-000[1-4] /);
    // From the overview: Tab to the running jobs, Enter opens the queued sweep's log.
    const queued = await queueSweep(db.knex, { kind: 'tag', tag: 'even' }, 'carol@ops');
    await ui.press('escape', 'escape');
    await ui.waitFor(/Running jobs 1/);
    await ui.press('tab', 'enter');
    await ui.waitFor(/│ log │/);
    await ui.waitFor((f) => f.includes('retrieval "tag even" · queued · by carol@ops') && f.includes('no lines yet'));
    await db.knex('jobs').where({ id: queued.job.id }).delete();
  });

  bindingTest('filter-jobs', '/ filters by status and kind words; an unknown word says which exist; Esc clears', async () => {
    const ui = await jobsScreen();
    await ui.press('/', ...'partially_succeeded'.split(''), 'enter');
    let frame = await ui.waitFor((f) => f.includes('filter: partially_succeeded') && !f.includes('alice@ops'));
    expect(frame).toContain('bob@ops');
    // / starts from the filter applied; Esc in the field clears it.
    await ui.press('/');
    await ui.waitFor(/^filter: partially_succeeded/m);
    await ui.press('escape');
    await ui.waitFor((f) => f.includes('all (/ filters)') && f.includes('alice@ops'));
    // Regex and SQL characters are words like any other: refused, nothing read with them.
    await ui.press('/', ...".*'; DROP TABLE jobs; --".split(''), 'enter');
    frame = await ui.waitFor(`not a status or kind: ".*';"`);
    expect(frame).toMatch(/^filter: \.\*'; DROP TABLE jobs; --/m);
    await ui.press('escape');
    frame = await ui.waitFor((f) => f.includes('all (/ filters)') && f.includes('alice@ops'));
    expect(await db.knex('jobs').count('* as n').first()).toBeTruthy();
    await ui.press('/', ...'succeeded purge'.split(''), 'enter');
    frame = await ui.waitFor('no job passes the filter');
    await ui.press('escape');
    await ui.waitFor('alice@ops');
    // Typed faster than the console reads (one chunk): every letter after / is the filter's, none a command (c cancels).
    await ui.press('/cancelled\r');
    frame = await ui.waitFor('filter: cancelled');
    expect(frame).not.toContain('Cancel ');
  });

  bindingTest('cancel-job', 'c asks first, naming the job; n leaves it; y cancels a running sweep at its next device; a finished job has nothing to cancel', async () => {
    // A slow sweep, one device at a time: it is still running while the test looks.
    const slow = await startLab(db.knex, { devices: 6, prefix: 'slow', latencyMs: 150, concurrency: 1 });
    try {
      let jobId = '';
      const running: Promise<SweepResult> = slow.sweep({ kind: 'hostnames', hostnames: slow.fleet.devices.map((d) => d.hostname) }, { requestedBy: 'dave@ops', onJobCreated: (id) => (jobId = id) });
      const ui = await jobsScreen();
      await ui.waitFor(/slow-0001.*running/);
      expect(ui.selectedRow()).toContain('dave@ops');
      await ui.press('c');
      let frame = await ui.waitFor('Cancel retrieval');
      expect(frame).toMatch(/^Cancel retrieval "slow-0001, slow-0002, slow-00…" \(running \d\/6, by dave@ops\)\?$/m);
      expect(frame).toContain('devices already running finish first');
      await ui.press('n');
      await ui.waitFor((f) => !f.includes('Cancel retrieval'));
      expect((await db.knex('jobs').where({ id: jobId }).first('cancelRequested')).cancelRequested).toBe(false);
      await ui.press('c');
      await ui.waitFor('Cancel retrieval');
      await ui.press('y');
      await ui.waitFor(/cancelling retrieval|retrieval ".*" cancelled/);
      const result = await running;
      expect(result.status).toBe('cancelled');
      expect(result.notStarted).toBeGreaterThan(0);
      frame = await ui.waitFor(/slow-0001.*cancelled/);
      // Finished: nothing to ask.
      await ui.press('c');
      frame = await ui.waitFor('nothing to cancel: retrieval "slow-0001, slow-0002, slow-00…" already cancel');
      expect(frame).not.toContain('Cancel retrieval');
    } finally {
      await slow.close();
    }
  }, 60_000);
});
