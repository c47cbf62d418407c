import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendJobLogs } from '../../../src/db/queries/append-job-logs.js';
import { queueSweep } from '../../../src/retrieval/queue-sweep.js';
import { jumpTo } from '../../support/console-keys.js';
import { HOSTILE, seedDevices } from '../../support/console-data.js';
import { renderConsole, stripSgr, type ConsoleHarness } from '../../support/console-render.js';
import { useTestDatabase } from '../../support/database.js';

const EVIL = `${HOSTILE.osc52}${HOSTILE.cursor}evil${HOSTILE.rtl}txt`;
const COLOUR_SGR = /\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

/** What a terminal would act on in a frame: anything but plain characters and SGR codes. */
function controls(frame: string): string[] {
  return [...frame.replace(/\x1b\[[0-9;]*m/g, '').matchAll(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g)].map((m) => m[0]);
}

function expectSafe(ui: ConsoleHarness, columns: number, rows: number): void {
  for (const raw of ui.frames()) {
    expect(controls(raw)).toEqual([]);
    expect(raw).not.toContain('\x1b]');
    expect(raw).not.toMatch(/\x1b\[[0-9;]*[A-HJKSTfsu]/);
    expect(raw).not.toContain('ZWNobyBwd25lZA');
    const lines = stripSgr(raw).split('\n');
    expect(lines.length, raw).toBeLessThanOrEqual(rows - 1);
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
  }
}

/** Hostile text where jobs, logs and configurations carry free text: the requester, log lines, configuration content. */
describe('jobs, log and search: 80×24, NO_COLOR, hostile text', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const ids = await seedDevices(db.knex, [{ hostname: 'evil-sw1', daysAgo: 0 }]);
    const { job } = await queueSweep(db.knex, { kind: 'all' }, `op${EVIL}`);
    await appendJobLogs(db.knex, [
      { jobId: job.id, level: 'error', message: `the device said ${EVIL} and\ttabs\r\nand lines ${'x'.repeat(200)}` },
      { jobId: job.id, deviceId: ids.get('evil-sw1'), level: 'warn', message: `evil-sw1: banner ${EVIL}` },
    ]);
    await db.knex('device_configurations').insert({
      deviceId: ids.get('evil-sw1'),
      content: `hostname evil-sw1\nsnmp-server location ${EVIL} rack\n${'y'.repeat(300)} snmp-server location far right\n`,
      contentHash: 'e'.repeat(64),
      sizeBytes: 400,
    });
  });

  async function walk(colour: boolean): Promise<ConsoleHarness> {
    const ui = await renderConsole(db, { colour });
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'jobs');
    await ui.waitFor('opevil<U+20…');
    await ui.press('/', ...'running queued'.split(''), 'enter');
    await ui.waitFor('filter: running queued');
    await ui.press('enter');
    await ui.waitFor('banner evil<U+202E>txt');
    await ui.press('w');
    await ui.waitFor(/ · wrap$/m);
    await ui.press('l', '/', ...'evil'.split(''));
    await ui.waitFor('device contains: evil');
    await ui.press('enter');
    await ui.waitFor('device ~evil');
    await jumpTo(ui, 'search');
    await ui.press(...'location'.split(''), 'enter');
    await ui.waitFor('1 configurations, 2 lines for "location"');
    await ui.press('c', 'j', '?');
    await ui.waitFor('keys of search');
    return ui;
  }

  it('every frame of jobs, log (wrapped and not) and search fits 80×24 and holds no escape sequence or control', async () => {
    const ui = await walk(true);
    const frames = ui.frames().map(stripSgr).join('\n');
    // Tabs expanded to their stops, line breaks become one space.
    expect(frames).toMatch(/the device said evil<U\+202E>txt and +tabs and lines/);
    expect(frames).toContain('snmp-server location evil<U+202E>txt rack');
    // The match of a long line is scrolled into view.
    expect(frames).toMatch(/^ +3 …-server location far right$/m);
    expectSafe(ui, 80, 24);
  });

  it('NO_COLOR: no colour codes in any frame; the selection and the matches in reverse video', async () => {
    const ui = await walk(false);
    for (const raw of ui.frames()) expect(raw).not.toMatch(COLOUR_SGR);
    const jobsFrame = ui.frames().find((f) => f.includes('│ jobs │') && f.includes('\x1b[7mretrieval'));
    expect(jobsFrame).toBeDefined();
    expect(ui.frames().some((f) => /location\x1b\[7m|\x1b\[7mlocation/.test(f))).toBe(true);
    expectSafe(ui, 80, 24);
  });
});
