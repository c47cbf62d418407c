import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../../src/console/console-services.js';
import { parseDeviceFilter } from '../../../src/console/device-filter-text.js';
import type { DeviceListView, DeviceSort } from '../../../src/console/device-list-actions.js';
import { addSchedule } from '../../../src/jobs/schedule-store.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';

/** Devices in every state, on v4 and v6 addresses, with tags and types. */
const DEVICES = [
  { hostname: 'core-sw-01', ip: '10.1.0.1', type: 'cisco_ios', tags: ['core', 'dc1'], status: 'changed', code: null, hoursAgo: 1 },
  { hostname: 'core-sw-02', ip: '10.1.0.2', type: 'cisco_ios', tags: ['core'], status: 'failed', code: 'TIMEOUT', hoursAgo: 2 },
  { hostname: 'Core-rtr-01', ip: '10.10.0.1', type: 'juniper_junos', tags: ['dc1'], status: 'unchanged', code: null, hoursAgo: 100 },
  { hostname: 'edge-fw-01', ip: '2001:db8::1', type: 'paloalto_panos', tags: ['edge'], status: 'failed', code: 'AUTH_FAILED', hoursAgo: 3 },
  { hostname: 'edge-fw-02', ip: '2001:db8:1::2', type: 'paloalto_panos', tags: ['edge', 'fast'], status: 'unchanged', code: null, hoursAgo: 5 },
  { hostname: 'lab-01', ip: '192.0.2.10', type: 'vyos', tags: [], status: null, code: null, hoursAgo: null },
  { hostname: '10gw', ip: '203.0.113.9', type: 'vyos', tags: ['lab'], status: 'failed', code: 'AUTH_FAILED', hoursAgo: 1, enabled: false },
  { hostname: '50pct_off', ip: '198.51.100.50', type: 'vyos', tags: [], status: 'changed', code: null, hoursAgo: 1 },
] as const;

describe('the devices list: filters, sorts and counts from the database', () => {
  const db = useTestDatabase();
  let services: ConsoleServices;

  beforeAll(async () => {
    for (const d of DEVICES) {
      const [row] = (await db.knex('devices')
        .insert({
          hostname: d.hostname,
          ipAddress: d.ip,
          deviceType: d.type,
          enabled: 'enabled' in d ? d.enabled : true,
          lastRetrievalStatus: d.status,
          lastRetrievalErrorCode: d.code,
          lastRetrievalAt: d.hoursAgo === null ? null : db.knex.raw('now() - make_interval(hours => ?)', [d.hoursAgo]),
        })
        .returning('id')) as Array<{ id: string }>;
      for (const tag of d.tags) {
        const [t] = (await db.knex('tags').insert({ name: tag }).onConflict(db.knex.raw('(lower(name))')).merge().returning('id')) as Array<{ id: string }>;
        await db.knex('device_tags').insert({ deviceId: row!.id, tagId: t!.id });
      }
    }
    // edge-fw-02 (tag fast) is due hourly: 5 h old is stale; the others follow the daily default.
    await addSchedule(db.knex, { cron: '0 * * * *', tag: 'fast' });
    services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: tempKeyring() });
  });
  afterAll(async () => {
    await services.close();
  });

  async function hostnames(filterText: string, sort: DeviceSort = 'hostname'): Promise<string[]> {
    const parsed = parseDeviceFilter(filterText);
    if (parsed.filter === null) throw new Error(parsed.problem);
    const view: DeviceListView = { filter: parsed.filter, sort };
    return (await services.devicePage(view, { limit: 100 })).items.map((i) => i.row.hostname);
  }

  it('filters by hostname or address prefix (ignoring case), network, tag, type and status; kinds narrow, words widen', async () => {
    expect(await hostnames('core')).toEqual(['Core-rtr-01', 'core-sw-01', 'core-sw-02']);
    expect(await hostnames('CORE-SW')).toEqual(['core-sw-01', 'core-sw-02']);
    expect(await hostnames('10.1.')).toEqual(['core-sw-01', 'core-sw-02']);
    expect(await hostnames('10.1')).toEqual(['Core-rtr-01', 'core-sw-01', 'core-sw-02']);
    expect(await hostnames('10')).toEqual(['10gw', 'Core-rtr-01', 'core-sw-01', 'core-sw-02']);
    expect(await hostnames('2001:DB8:1:')).toEqual(['edge-fw-02']);
    expect(await hostnames('10.0.0.0/8')).toEqual(['Core-rtr-01', 'core-sw-01', 'core-sw-02']);
    expect(await hostnames('2001:db8::/48')).toEqual(['edge-fw-01']);
    expect(await hostnames('lab edge')).toEqual(['edge-fw-01', 'edge-fw-02', 'lab-01']);
    expect(await hostnames('tag:DC1')).toEqual(['Core-rtr-01', 'core-sw-01']);
    expect(await hostnames('tag:dc1 tag:edge')).toEqual(['Core-rtr-01', 'core-sw-01', 'edge-fw-01', 'edge-fw-02']);
    expect(await hostnames('tag:dc1 type:cisco_ios')).toEqual(['core-sw-01']);
    expect(await hostnames('type:vyos')).toEqual(['10gw', '50pct_off', 'lab-01']);
    expect(await hostnames('status:failed')).toEqual(['core-sw-02', 'edge-fw-01']);
    expect(await hostnames('status:never')).toEqual(['lab-01']);
    expect(await hostnames('status:stale')).toEqual(['Core-rtr-01', 'edge-fw-02']);
    expect(await hostnames('status:ok')).toEqual(['50pct_off', 'core-sw-01']);
    expect(await hostnames('status:failed core')).toEqual(['core-sw-02']);
  });

  it('the status classes are the overview\'s: the same counts', async () => {
    const overview = await services.overview();
    expect((await hostnames('status:stale')).length).toBe(overview.devices.stale);
    expect((await hostnames('status:never')).length).toBe(overview.devices.never);
    expect((await hostnames('status:ok')).length).toBe(overview.devices.ok);
    expect((await hostnames('status:failed')).length).toBe(overview.devices.failed.reduce((sum, f) => sum + f.devices, 0));
  });

  it('regex and SQL characters are matched literally and never break the query', async () => {
    expect(await hostnames('50pct_')).toEqual(['50pct_off']);
    expect(await hostnames('50pct%')).toEqual([]);
    expect(await hostnames('%')).toEqual([]);
    expect(await hostnames('_')).toEqual([]);
    expect(await hostnames('.*')).toEqual([]);
    expect(await hostnames("'; DELETE FROM devices; --")).toEqual([]);
    expect(await hostnames('\\')).toEqual([]);
    expect(await hostnames('tag:%')).toEqual([]);
    expect(await hostnames("type:'x'")).toEqual([]);
    expect(await db.knex('devices').count('* as n').first()).toEqual({ n: String(DEVICES.length) });
  });

  it('sorts by last retrieval (never first, then oldest) and by result (failed by code, never, the rest), paging both ways', async () => {
    const byAge = await hostnames('', 'last-retrieval');
    expect(byAge.slice(0, 5)).toEqual(['lab-01', 'Core-rtr-01', 'edge-fw-02', 'edge-fw-01', 'core-sw-02']);
    expect(new Set(byAge.slice(5))).toEqual(new Set(['10gw', '50pct_off', 'core-sw-01']));
    expect(await hostnames('', 'result')).toEqual(['10gw', 'edge-fw-01', 'core-sw-02', 'lab-01', '50pct_off', 'Core-rtr-01', 'core-sw-01', 'edge-fw-02']);
    const view: DeviceListView = { filter: parseDeviceFilter('').filter!, sort: 'result' };
    const first = await services.devicePage(view, { limit: 3 });
    expect(first.more).toBe(true);
    const next = await services.devicePage(view, { after: first.items[2]!.cursor, limit: 3 });
    expect(next.items.map((i) => i.row.hostname)).toEqual(['lab-01', '50pct_off', 'Core-rtr-01']);
    const last = await services.devicePage(view, { last: true, limit: 2 });
    expect(last.items.map((i) => i.row.hostname)).toEqual(['core-sw-01', 'edge-fw-02']);
    const before = await services.devicePage(view, { before: last.items[0]!.cursor, limit: 2 });
    expect(before.items.map((i) => i.row.hostname)).toEqual(['50pct_off', 'Core-rtr-01']);
    const age: DeviceListView = { filter: view.filter, sort: 'last-retrieval' };
    const aged = await services.devicePage(age, { limit: 2 });
    const rest = await services.devicePage(age, { after: aged.items[1]!.cursor, limit: 10 });
    expect([...aged.items, ...rest.items].map((i) => i.row.hostname)).toEqual(byAge);
  });

  it('rows carry what the screen shows: address, tags, state, versions', async () => {
    const view: DeviceListView = { filter: parseDeviceFilter('edge-fw-01').filter!, sort: 'hostname' };
    const [item] = (await services.devicePage(view, { limit: 5 })).items;
    expect(item!.row).toMatchObject({ hostname: 'edge-fw-01', ipAddress: '2001:db8::1', port: 22, deviceType: 'paloalto_panos', tags: ['edge'], state: 'failed', lastRetrievalErrorCode: 'AUTH_FAILED', versions: 0, enabled: true });
  });

  it('counts what a filter selects and how many of them are enabled', async () => {
    expect(await services.countDevices(parseDeviceFilter('status:failed').filter!)).toEqual({ devices: 2, enabled: 2 });
    expect(await services.countDevices(parseDeviceFilter('type:vyos').filter!)).toEqual({ devices: 3, enabled: 2 });
    expect(await services.countDevices(parseDeviceFilter('').filter!)).toEqual({ devices: 8, enabled: 7 });
  });
});
