import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../../src/console/console-services.js';
import { parseDeviceFilter } from '../../../src/console/device-filter-text.js';
import { daemonApplicationName } from '../../../src/daemon/daemon-liveness.js';
import { selectSweepDevices, toSweepTarget } from '../../../src/daemon/job-handlers.js';
import { isNetRavenError } from '../../../src/errors.js';
import { startSimulatedDevice } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { createTestLogins } from '../../support/logins.js';
import { addSimulated } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

/** Retrieval, history, diffs and host keys through the console services, on simulated devices (no daemon: in-process). */
describe('device actions with simulated devices', () => {
  const db = useTestDatabase();
  const harness = new DeviceHarness();
  let services: ConsoleServices;

  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    await logins.add({ name: 'lab-spare', username: 'spare', password: 'spare-pass', tags: ['lab'], priority: 200 });
    services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: logins.keyring });
  });
  afterEach(() => harness.closeAll());
  afterAll(async () => {
    await services.close();
  });

  async function retrieveAndWait(hostnames: string[]): Promise<string> {
    const started = await services.retrieve({ kind: 'hostnames', hostnames });
    expect(started).toMatchObject({ mode: 'in-process', devices: hostnames.length });
    return eventually(async () => {
      const progress = await services.retrievalProgress(started.jobId);
      return progress.finished ? started.jobId : undefined;
    }, 20_000, 'the retrieval to finish');
  }

  it('history: each version with its job, size and the lines it changed; d diffs against the previous one', async () => {
    // The same device (one host key for every simulated device) before and after interfaces were added.
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass' }));
    const grown = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', configBytes: 12_000 }));
    const added = await addSimulated(db.knex, sim, 'hist-1');
    const firstJob = await retrieveAndWait(['hist-1']);
    await db.knex('devices').where({ id: added.id }).update({ port: grown.port });
    const secondJob = await retrieveAndWait(['hist-1']);
    const page = await services.versionPage(added.id, { limit: 10 });
    expect(page.items).toHaveLength(2);
    const [newest, oldest] = page.items.map((i) => i.row);
    expect(oldest).toMatchObject({ first: true, lineChanges: null });
    expect(newest!.first).toBe(false);
    expect(newest!.lineChanges).toMatchObject({ approximate: false });
    expect(newest!.lineChanges!.added).toBeGreaterThan(0);
    expect(newest!.sizeBytes).toBeGreaterThan(1000);
    const jobs = await db.knex('jobs').whereIn('parentJobId', [firstJob, secondJob]).orderBy('createdAt').pluck('id');
    expect([oldest!.jobId, newest!.jobId]).toEqual(jobs);

    const diff = await services.configurationDiff(newest!.id);
    expect(diff.from.id).toBe(oldest!.id);
    expect(diff.to.id).toBe(newest!.id);
    expect(diff.lines[0]).toMatch(/^--- hist-1@/);
    expect(diff.lines.some((l) => l.startsWith('@@'))).toBe(true);
    const plus = diff.lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
    const minus = diff.lines.filter((l) => l.startsWith('-') && !l.startsWith('---')).length;
    expect({ added: plus, removed: minus }).toEqual({ added: newest!.lineChanges!.added, removed: newest!.lineChanges!.removed });
    // Two marked versions in either order: the older one goes first.
    expect((await services.configurationDiff(oldest!.id, newest!.id)).lines).toEqual(diff.lines);
    await expect(services.configurationDiff(oldest!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const version = await services.configuration(newest!.id);
    expect(version).toMatchObject({ hostname: 'hist-1', deviceId: added.id });
    expect(version.content).toContain('hostname');
    await expect(services.configuration('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const view = await services.device(added.id);
    expect(view.device).toMatchObject({ hostname: 'hist-1', versions: 2, lastRetrievalStatus: 'changed', hostKeyFingerprint: sim.hostKeyFingerprint, presentedHostKeyFingerprint: null, lastGoodCredential: 'lab-admin', tags: ['lab'] });
    expect(view.device.vendor).toBeTruthy();
    expect(view.credentials).toEqual([
      { name: 'lab-admin', username: 'admin', method: 'password', lastGood: true },
      { name: 'lab-spare', username: 'spare', method: 'password', lastGood: false },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/admin-pass|enable-pass|spare-pass/);
  });

  it('a changed host key is kept with the failure, shown next to the trusted one, and accepted only as confirmed', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', alternateHostKey: true }));
    const added = await addSimulated(db.knex, sim, 'rekeyed-1');
    const trusted = `SHA256:${'C'.repeat(43)}`;
    await db.knex('devices').where({ id: added.id }).update({ hostKeyFingerprint: trusted });
    await retrieveAndWait(['rekeyed-1']);
    const failed = (await services.device(added.id)).device;
    expect(failed).toMatchObject({ lastRetrievalErrorCode: 'HOST_KEY_MISMATCH', hostKeyFingerprint: trusted, presentedHostKeyFingerprint: sim.hostKeyFingerprint });
    expect(failed.lastRetrievalError).toContain(sim.hostKeyFingerprint);

    const stale = await services.acceptHostKey(added.id, { trusted: `SHA256:${'D'.repeat(43)}`, presented: sim.hostKeyFingerprint }).catch((err: unknown) => err);
    expect(isNetRavenError(stale, 'HOST_KEY_CHANGED_MEANWHILE')).toBe(true);
    expect((await services.device(added.id)).device.hostKeyFingerprint).toBe(trusted);

    expect(await services.acceptHostKey(added.id, { trusted, presented: sim.hostKeyFingerprint })).toEqual({ hostname: 'rekeyed-1' });
    const accepted = (await services.device(added.id)).device;
    expect(accepted).toMatchObject({ hostKeyFingerprint: sim.hostKeyFingerprint, presentedHostKeyFingerprint: null });
    await expect(services.acceptHostKey(added.id, { trusted: sim.hostKeyFingerprint, presented: sim.hostKeyFingerprint })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await retrieveAndWait(['rekeyed-1']);
    expect((await services.device(added.id)).device).toMatchObject({ lastRetrievalStatus: 'changed', versions: 1 });
  });

  it('progress: devices done of total, failures by class and the rate, from memory while running here, then from the job rows', async () => {
    const slow = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', latencyMs: 150 }));
    await addSimulated(db.knex, slow, 'slow-1');
    await db.knex('devices').insert({ hostname: 'nowhere-1', ipAddress: '127.0.0.1', port: 1, deviceType: 'cisco_ios' });
    const started = await services.retrieve({ kind: 'hostnames', hostnames: ['slow-1', 'nowhere-1'] });
    const running = await services.retrievalProgress(started.jobId);
    expect(running).toMatchObject({ status: 'running', total: 2, finished: false });
    expect(services.sweepsHere().map((s) => s.jobId)).toEqual([started.jobId]);
    const done = await eventually(async () => {
      const p = await services.retrievalProgress(started.jobId);
      return p.finished ? p : undefined;
    }, 20_000);
    expect(done).toMatchObject({ status: 'partially_succeeded', total: 2, done: 2, failed: 1, failuresByCode: [{ code: 'CREDENTIAL_NOT_FOUND', devices: 1 }] });
    expect(done.ratePerSecond).toBeGreaterThan(0);
    expect(done.description).toBe('slow-1, nowhere-1');
    await expect(services.retrievalProgress('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('R with a daemon alive: the filter is queued as the job target, and a daemon selects exactly the enabled devices counted', async () => {
    await db.knex('devices').insert([
      { hostname: 'flt-a', ipAddress: '10.9.0.1', deviceType: 'vyos' },
      { hostname: 'flt-b', ipAddress: '10.9.0.2', deviceType: 'vyos' },
      { hostname: 'flt-off', ipAddress: '10.9.0.3', deviceType: 'vyos', enabled: false },
    ]);
    // Disabled devices are no status class (as on the overview), so status:never leaves flt-off out.
    expect(await services.countDevices(parseDeviceFilter('flt status:never').filter!)).toEqual({ devices: 2, enabled: 2 });
    const filter = parseDeviceFilter('flt 10.9.0.0/24').filter!;
    expect(await services.countDevices(filter)).toEqual({ devices: 3, enabled: 2 });
    const daemon = new pg.Client({ connectionString: db.url, application_name: daemonApplicationName(4343, 'elsewhere') });
    await daemon.connect();
    try {
      await daemon.query('SELECT 1');
      const started = await services.retrieve({ kind: 'filter', filter, text: 'flt 10.9.0.0/24' });
      expect(started).toMatchObject({ mode: 'queued', devices: 2 });
      const job = (await db.knex('jobs').where({ id: started.jobId }).first('target', 'requestedBy')) as { target: Record<string, unknown>; requestedBy: string };
      expect(job.requestedBy).toBe(services.actor.name);
      expect(job.target).toMatchObject({ kind: 'filter', text: 'flt 10.9.0.0/24', description: 'enabled devices matching "flt 10.9.0.0/24"' });
      expect(toSweepTarget(job.target)).toMatchObject({ kind: 'filter', filter });
      const selected = await selectSweepDevices(db.knex, job.target);
      const names = await db.knex('devices').whereIn('id', selected).orderBy('hostname').pluck('hostname');
      expect(names).toEqual(['flt-a', 'flt-b']);
    } finally {
      await daemon.end();
      await db.knex('jobs').delete();
    }
    // A damaged row fails its job; it never falls back to every device.
    expect(() => toSweepTarget({ kind: 'filter', text: 'x', filter: { prefixes: 'nope' } })).toThrow(/malformed/);
  });
});
