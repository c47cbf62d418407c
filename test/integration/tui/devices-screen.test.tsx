import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, seedDevices, seedVersions } from '../../support/console-data.js';
import { openDevices } from '../../support/console-navigate.js';
import { useTestDatabase } from '../../support/database.js';
import { COLOUR_SGR, expectFits, expectInert } from '../../support/frame-checks.js';

const EVIL = `${HOSTILE.osc52}${HOSTILE.cursor}evil${HOSTILE.rtl}txt`;

describe('devices screen', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const ids = await seedDevices(db.knex, [
      { hostname: 'core-sw-01', status: 'changed', daysAgo: 0.01, tags: ['core', 'dc1'] },
      { hostname: 'core-sw-02', status: 'failed', code: 'TIMEOUT', error: 'no answer within 20 s', daysAgo: 0.05, tags: ['core'] },
      { hostname: 'edge-fw-01', status: 'unchanged', daysAgo: 5, tags: ['edge'] },
      { hostname: 'new-box', daysAgo: null },
      { hostname: 'retired', status: 'unchanged', daysAgo: 30, enabled: false },
      ...Array.from({ length: 30 }, (_, i) => ({ hostname: `access-${String(i).padStart(2, '0')}`, status: 'unchanged' as const, daysAgo: 0.5, tags: ['access'] })),
    ]);
    await db.knex('devices').where({ hostname: 'edge-fw-01' }).update({ ipAddress: '2001:db8::1', port: 2222, deviceType: 'paloalto_panos' });
    await seedVersions(db.knex, ids.get('core-sw-01')!, ['hostname a\n', 'hostname b\n', 'hostname c\n']);
    // Written past the schema's checks (a restored dump, a DBA): the screen must still show it inert.
    await db.knex.raw('ALTER TABLE devices DROP CONSTRAINT devices_hostname_check');
    await db.knex.raw('ALTER TABLE tags DROP CONSTRAINT tags_name_check');
    await seedDevices(db.knex, [{ hostname: `zz-${EVIL}`, status: 'failed', code: 'AUTH_FAILED', error: EVIL, daysAgo: 0, tags: [`t${EVIL}`] }]);
  });

  it('lists hostname, address:port ([v6]:port), type, tags, last retrieval, result and versions, sorted by hostname, in 80×24', async () => {
    const ui = await openDevices(db, 'access-00');
    const frame = await ui.waitFor('Devices 36');
    expect(frame).toContain('sort: hostname');
    expect(frame).toMatch(/HOSTNAME\s+ADDRESS\s+TYPE\s+TAGS\s+LAST\s+RESULT\s+VER/);
    expect(frame).toMatch(/access-00\s+198\.51\.100\.\d+:22\s+cisco_ios\s+access\s+12 h\s+unchanged\s+0/);
    expect(ui.selectedRow()).toContain('access-00');
    await ui.press('G');
    const bottom = await ui.waitFor('zz-');
    expect(bottom).toMatch(/core-sw-01\s+198\.51\.100\.\d+:22\s+cisco_ios\s+core,dc1\s+14 min\s+changed\s+3/);
    expect(bottom).toMatch(/core-sw-02 .*core\s+1 h\s+TIMEOUT/);
    expect(bottom).toMatch(/edge-fw-01\s+\[2001:db8::1\]:2222\s+paloalto_…\s+edge\s+5 d\s+unchanged/);
    expect(bottom).toMatch(/new-box .*never\s+never/);
    expect(bottom).toMatch(/retired .*30 d\s+disabled/);
    expectFits(ui, 80, 24);
    if (process.env.NETRAVEN_CAPTURE) console.log(`CAPTURE\n${bottom}\nEND`);
  });

  it('NO_COLOR frames have no colour; with colour a failure is red and a stale age yellow', async () => {
    const plain = await openDevices(db, 'access-00', { colour: false });
    await plain.press('G');
    await plain.waitFor('zz-');
    for (const raw of plain.frames()) expect(raw).not.toMatch(COLOUR_SGR);
    expect(plain.selectedRow()).toContain('zz-');
    const coloured = await openDevices(db, 'access-00', { colour: true });
    await coloured.press('G');
    await coloured.waitFor('zz-');
    const lines = coloured.rawFrame().split('\n');
    expect(lines.find((l) => l.includes('core-sw-02'))).toMatch(/\x1b\[31m ?TIMEOUT/);
    expect(lines.find((l) => l.includes('edge-fw-01'))).toMatch(/\x1b\[33m ?5 d/);
  });

  it('a hostile hostname and tag render inert', async () => {
    const ui = await openDevices(db, 'access-00');
    await ui.press('G');
    const frame = await ui.waitFor('zz-');
    expect(frame).toContain('zz-evil<U+202E');
    expect(frame).toContain('tevil<U+');
    expect(frame).not.toContain('ZWNobyBwd25lZA');
    expectInert(ui);
  });

  it('a filter with regex or SQL characters is matched as typed; a wrong key says what is wrong and keeps the last good filter', async () => {
    const ui = await openDevices(db, 'access-00');
    await ui.press('/', ...'.*'.split(''));
    await ui.waitFor('no device matches the filter');
    await ui.press('escape', '/', ..."'; DROP TABLE devices; --".split(''));
    await ui.waitFor('no device matches the filter');
    await ui.press('escape', '/', ...'core vendor:x'.split(''));
    const frame = await ui.waitFor((f) => f.includes('vendor: is not a filter key') && f.includes('core-sw-01') && !f.includes('access-00'));
    expect(await db.knex('devices').count('* as n').first()).toEqual({ n: '36' });
    expectInert(ui);
  });

  it('keys pressed while a query is slow are kept: the screen answers at once and the rows come when the query does', async () => {
    const ui = await openDevices(db, 'access-00');
    const lock = await db.knex.transaction();
    try {
      await lock.raw('LOCK TABLE devices IN ACCESS EXCLUSIVE MODE');
      await ui.press('/', ...'core'.split(''));
      // The typed filter is on screen although its query waits for the lock.
      await ui.waitFor(/^\/ core/m, 2_000);
      await ui.press('enter', 's');
      // The count of the old filter is not shown as the new one's while the new one waits.
      expect(await ui.waitFor('sort: last retrieval', 2_000)).toMatch(/Devices … matching "core" · sort: last retrieval/);
    } finally {
      await lock.commit();
    }
    // Rows and count are two reads that finish in either order; the count shows as … until it is the filter's own.
    const frame = await ui.waitFor((f) => f.includes('core-sw-02') && !f.includes('access-00') && /Devices \d/.test(f));
    expect(frame).toMatch(/Devices 2 matching "core" · sort: last retrieval/);
    expect(frame.indexOf('core-sw-02')).toBeLessThan(frame.indexOf('core-sw-01'));
  });
});
