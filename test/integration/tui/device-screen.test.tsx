import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, seedDevices, seedVersions } from '../../support/console-data.js';
import { openDevice } from '../../support/console-navigate.js';
import { useTestDatabase } from '../../support/database.js';
import { COLOUR_SGR, expectFits, expectInert } from '../../support/frame-checks.js';
import { createTestLogins } from '../../support/logins.js';

const EVIL = `${HOSTILE.osc52}${HOSTILE.cursor}evil${HOSTILE.rtl}txt`;
const TRUSTED = `SHA256:${'T'.repeat(43)}`;
const PRESENTED = `SHA256:${'P'.repeat(43)}`;
const ERROR = `core-sw-01 (198.51.100.1:22): the SSH host key changed (expected ${TRUSTED}, device presented ${PRESENTED}); no credential was sent. ${'details '.repeat(60)}${EVIL} END-OF-ERROR`;

describe('device screen', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const ids = await seedDevices(db.knex, [{ hostname: 'core-sw-01', status: 'failed', code: 'HOST_KEY_MISMATCH', error: ERROR, daysAgo: 0.01, tags: ['core', 'dc1'] }]);
    const id = ids.get('core-sw-01')!;
    const logins = createTestLogins(db.knex);
    const admin = await logins.add({ name: 'lab-admin', username: 'admin', password: 'never-shown-1', tags: ['core'] });
    await logins.add({ name: 'dc-backup', username: 'backup', password: 'never-shown-2', enableSecret: 'never-shown-3', tags: ['dc1'], priority: 200 });
    await logins.add({ name: 'elsewhere', username: 'x', password: 'never-shown-4', tags: ['other'] });
    await db.knex('devices').where({ id }).update({ vendor: 'Cisco', model: 'C9300-48P', osVersion: '17.9.4', serial: 'FOC1234X0AB', hostKeyFingerprint: TRUSTED, presentedHostKeyFingerprint: PRESENTED, lastGoodCredentialId: admin });
    const [job] = (await db.knex('jobs').insert({ kind: 'retrieval', status: 'succeeded', deviceId: id, target: {} }).returning('id')) as Array<{ id: string }>;
    await seedVersions(db.knex, id, ['hostname core-sw-01\nntp server 10.0.0.1\n', 'hostname core-sw-01\nntp server 10.0.0.2\n', `hostname core-sw-01\nntp server 10.0.0.2\nlogging host ${EVIL}\n`], { jobId: job!.id });
  });

  it('shows identity, tags, both host keys, the credentials that apply (which last worked), the last error and the history, in 80×24', async () => {
    const ui = await openDevice(db, 'core-sw-01');
    const frame = await ui.waitFor((f) => f.includes('History 3 versions') && f.includes('first version'));
    expect(frame).toMatch(/^core-sw-01 · 198\.51\.100\.\d+:22 · cisco_ios · enabled · 3 versions/m);
    expect(frame).toContain('vendor Cisco · model C9300-48P · OS 17.9.4 · serial FOC1234X0AB');
    expect(frame).toContain('tags core, dc1');
    expect(frame).toContain(`host key ${TRUSTED}`);
    expect(frame).toContain(`presented ${PRESENTED} instead`);
    expect(frame).toContain('credentials lab-admin (last worked), dc-backup');
    expect(frame).not.toContain('elsewhere');
    expect(frame).toMatch(/last retrieval \d+ min ago: failed HOST_KEY_MISMATCH/);
    expect(frame).toMatch(/RETRIEVED\s+SIZE\s+VERSION\s+JOB\s+LINES CHANGED/);
    const history = frame.split('\n').filter((l) => /^\s*\S? \d{4}-\d\d-\d\d \d\d:\d\d/.test(l));
    expect(history).toHaveLength(3);
    expect(history[0]).toMatch(/\d+ B [0-9a-f]{8} [0-9a-f]{8} \+1 −0/);
    expect(history[1]).toMatch(/\+1 −1/);
    expect(history[2]).toContain('first version');
    expect(frame).not.toMatch(/never-shown/);
    expectFits(ui, 80, 24);
    if (process.env.NETRAVEN_CAPTURE) console.log(`CAPTURE\n${frame}\nEND`);
  });

  it('the last error is there in full: Tab to the details, and it scrolls to its end; hostile text in it is inert', async () => {
    const ui = await openDevice(db, 'core-sw-01');
    expect(ui.lastFrame()).not.toContain('END-OF-ERROR');
    await ui.press('tab');
    await ui.waitFor('(Tab: history)');
    await ui.press('G');
    const frame = await ui.waitFor('END-OF-ERROR');
    expect(frame).not.toContain('vendor Cisco');
    expect(frame).toContain('evil<U+202E>txt END-OF-ERROR');
    await ui.press('g');
    await ui.waitFor((f) => f.includes('vendor Cisco') && !f.includes('END-OF-ERROR'));
    expectInert(ui);
    expectFits(ui, 80, 24);
  });

  it('NO_COLOR: no colour; with colour the presented key and the error are red', async () => {
    const plain = await openDevice(db, 'core-sw-01', { colour: false });
    for (const raw of plain.frames()) expect(raw).not.toMatch(COLOUR_SGR);
    const coloured = await openDevice(db, 'core-sw-01', { colour: true });
    const lines = coloured.rawFrame().split('\n');
    expect(lines.find((l) => l.includes('presented SHA256'))).toMatch(/\x1b\[31m/);
    expect(lines.find((l) => l.includes('error core-sw-01'))).toMatch(/\x1b\[31m/);
  });

  it(':device without a device says how to open one', async () => {
    const { renderConsole } = await import('../../support/console-render.js');
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await ui.press(':', ...'device'.split(''), 'enter');
    await ui.waitFor('open a device from the devices screen');
  });
});
