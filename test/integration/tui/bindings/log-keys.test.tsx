import { afterAll, beforeAll, describe, expect } from 'vitest';
import { appendJobLogs } from '../../../../src/db/queries/append-job-logs.js';
import { queueSweep } from '../../../../src/retrieval/queue-sweep.js';
import { bindingTest } from '../../../support/binding-test.js';
import { jumpTo } from '../../../support/console-keys.js';
import { renderConsole, type ConsoleHarness } from '../../../support/console-render.js';
import { startLab, type Lab } from '../../../support/console-lab.js';
import { useTestDatabase } from '../../../support/database.js';

/** The log screen's keys, on the log the retrieval service wrote for a sweep of simulated devices (one unreachable). */
describe('log keys', () => {
  const db = useTestDatabase();
  let lab: Lab;
  let sweep: string;
  const long = `${'long-line '.repeat(20)}END-OF-LONG-LINE`;

  beforeAll(async () => {
    lab = await startLab(db.knex, { devices: 3, prefix: 'lk' });
    await db.knex('devices').where({ hostname: 'lk-0002' }).update({ port: 1 });
    sweep = (await lab.sweep({ kind: 'all' }, { requestedBy: 'erin@ops' })).jobId;
    await appendJobLogs(db.knex, [{ jobId: sweep, level: 'info', message: long }]);
  });
  afterAll(() => lab.close());

  async function logScreen(): Promise<ConsoleHarness> {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'jobs');
    await ui.waitFor('erin@ops');
    await ui.press('enter');
    await ui.waitFor((f) => f.includes('│ log │') && f.includes('END-OF-LONG') === false && f.includes('long-line'));
    return ui;
  }

  bindingTest('follow', 'f pauses following (new lines are counted, not scrolled in) and turns it on again at the newest line', async () => {
    // A sweep queued for the daemons; its lines come in as a daemon writes them.
    const queued = (await queueSweep(db.knex, { kind: 'tag', tag: 'even' }, 'frank@ops')).job.id;
    await appendJobLogs(db.knex, Array.from({ length: 30 }, (_, i) => ({ jobId: queued, level: 'info' as const, message: `before ${i}` })));
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'jobs');
    await ui.waitFor('frank@ops');
    await ui.press('enter');
    await ui.waitFor((f) => f.includes('following') && f.includes('before 29'));
    await appendJobLogs(db.knex, [{ jobId: queued, level: 'info', message: 'while following' }]);
    await ui.waitFor('while following', 10_000);
    await ui.press('f');
    let frame = await ui.waitFor('paused: G or f follows');
    await appendJobLogs(db.knex, [{ jobId: queued, level: 'info', message: 'written while paused' }]);
    frame = await ui.waitFor('paused: G or f follows · 1 new', 10_000);
    expect(frame).not.toContain('written while paused');
    await ui.press('f');
    frame = await ui.waitFor((f) => f.includes('written while paused') && !f.includes('paused:'));
    const lines = frame.split('\n');
    // Following: the newest line is the last line of the view.
    expect(lines.filter((l) => /^\d\d:\d\d:\d\d /.test(l)).at(-1)).toContain('written while paused');
    await db.knex('jobs').where({ id: queued }).delete();
  });

  bindingTest('log-level', 'l cycles the level filter: info and above, warn and above, errors only, all', async () => {
    const ui = await logScreen();
    const scope = db.knex('jobs').select('id').where({ id: sweep }).orWhere({ parentJobId: sweep });
    const count = async (levels: string[]) => Number(((await db.knex('job_logs').whereIn('jobId', scope.clone()).whereIn('level', levels).count('* as n').first()) as { n: string }).n);
    const all = await count(['debug', 'info', 'warn', 'error']);
    const errors = await count(['error']);
    expect(errors).toBeGreaterThan(0);
    await ui.waitFor(`${all} lines · all levels`);
    await ui.press('l');
    await ui.waitFor(`${await count(['info', 'warn', 'error'])} lines · info and above`);
    await ui.press('l');
    await ui.waitFor(`${await count(['warn', 'error'])} lines · warn and above`);
    await ui.press('l');
    const frame = await ui.waitFor((f) => f.includes(`${errors} lines · errors only`) && f.split('\n').filter((l) => /^\d\d:\d\d:\d\d /.test(l)).length === errors);
    for (const line of frame.split('\n').filter((l) => /^\d\d:\d\d:\d\d /.test(l))) expect(line).toMatch(/^\d\d:\d\d:\d\d error lk-0002 /);
    await ui.press('l');
    await ui.waitFor(`${all} lines · all levels`);
  });

  bindingTest('filter-log-device', '/ shows only the lines of devices whose hostname contains the text; regex characters are literal; Esc clears', async () => {
    const ui = await logScreen();
    await ui.press('/');
    await ui.waitFor('device contains:');
    await ui.press(...'LK-0003'.split(''), 'enter');
    let frame = await ui.waitFor((f) => f.includes('device ~LK-0003') && !f.includes(' lk-0001 ') && f.includes(' lk-0003 '));
    const shown = frame.split('\n').filter((l) => /^\d\d:\d\d:\d\d /.test(l));
    for (const line of shown) expect(line).toContain(' lk-0003 ');
    await ui.press('/');
    await ui.waitFor(/device contains: LK-0003/);
    await ui.press('escape');
    frame = await ui.waitFor((f) => f.includes('every device') && f.includes('long-line'));
    await ui.press('/', ...'lk-000.'.split(''), 'enter');
    frame = await ui.waitFor((f) => f.includes('no line passes the filter') && f.includes('· 0 lines ·'));
    // Esc outside the field clears the filter too (and only the next Esc goes back).
    await ui.press('escape');
    await ui.waitFor((f) => f.includes('every device') && f.includes('long-line') && f.includes('│ log │'));
  });

  bindingTest('wrap', 'w wraps long lines over several rows (the end of a long line shows), and back', async () => {
    const ui = await logScreen();
    expect(ui.lastFrame()).not.toContain('END-OF-LONG-LINE');
    await ui.press('w');
    let frame = await ui.waitFor('END-OF-LONG-LINE');
    expect(frame).toMatch(/ · wrap$/m);
    await ui.press('w');
    frame = await ui.waitFor((f) => f.includes('no wrap') && !f.includes('END-OF-LONG-LINE'));
    expect(frame).toMatch(/long-line long-line.*…$/m);
  });
});
