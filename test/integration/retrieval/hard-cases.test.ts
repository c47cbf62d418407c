import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { runSweep } from '../../../src/retrieval/sweep.js';
import { loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins, type TestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, jobLogs, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();
const IOS_EXPECTED = (): string => loadTranscript('cisco_ios').expected ?? '';

describe('hard cases end to end through retrieve (database + simulator)', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  let logins: TestLogins;
  let ctx: RetrievalContext;
  let n = 0;

  beforeAll(async () => {
    logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    ctx = testContext(db.knex, logins.source);
  });

  /** Starts a simulated cisco_ios core-sw1 with the flags, adds it to the inventory and retrieves it once. */
  async function retrieveOnce(flags: Partial<SimulatedDeviceOptions>, context = ctx, tags = ['lab']) {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass', ...flags }));
    const hostname = `hard-${++n}`;
    const device = await addSimulated(db.knex, sim, hostname, tags);
    const result = await runSweep(context, { target: { kind: 'hostnames', hostnames: [hostname] } });
    return { sim, hostname, device, result, outcome: result.outcomes[0]!, stored: await versions(db.knex, device.id) };
  }

  it("a login banner with '#' and '>' and an ANSI-coloured MOTD before the real prompt", async () => {
    const banner = ['##########################', '# edge> core-sw1# AUTHORISED ONLY #', 'core-sw1>', 'core-sw1# >>> disconnect now <<<', '##########################'].join('\n');
    const motd = '\x1b[1;31mWARNING\x1b[0m: change freeze >\n\x1b[32mcore-sw1#\x1b[0m maintained by netops#';
    const { outcome, stored } = await retrieveOnce({ banner, motd });
    expect(outcome.status).toBe('changed');
    expect(stored[0]!.content).toBe(IOS_EXPECTED());
    expect(stored[0]!.metadata.prompt).toBe('core-sw1#');
  });

  it('a 5 MB configuration with a 3 s silence mid-way is stored complete, past a "router#" description', async () => {
    const slow = testContext(db.knex, logins.source, { limits: { ...ctx.limits, idleTimeoutMs: 4_500, overallTimeoutMs: 25_000 } });
    const { outcome, stored } = await retrieveOnce({ configBytes: 5_000_000, stall: { afterBytes: 2_500_000, ms: 3_000 } }, slow);
    expect(outcome.status).toBe('changed');
    expect(outcome.durationMs).toBeGreaterThanOrEqual(3_000);
    const content = stored[0]!.content;
    expect(stored[0]!.sizeBytes).toBeGreaterThan(5_000_000);
    expect(content).toContain(' description uplink to router#\n');
    expect(content.trimEnd().endsWith('\nend')).toBe(true);
    const numbers = (content.match(/^ description padded access port \d+$/gm) ?? []).map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
    expect(numbers.length).toBeGreaterThan(30_000);
    expect(numbers.every((value, i) => value === i + 1)).toBe(true);
  }, 30_000);

  it('a pager on every page with the paging command refused stores the same text as an unpaged device', async () => {
    const paged = await retrieveOnce({ pagerEveryLines: 10, configBytes: 20_000 });
    const plain = await retrieveOnce({ configBytes: 20_000 });
    expect(paged.stored[0]!.content).not.toMatch(/More/);
    expect(paged.stored[0]!.content).toBe(plain.stored[0]!.content);
    expect(paged.stored[0]!.contentHash).toBe(plain.stored[0]!.contentHash);
  });

  it('a device offering only diffie-hellman-group1-sha1 and aes128-cbc', async () => {
    const { sim, outcome, stored, hostname } = await retrieveOnce({ legacyAlgorithmsOnly: true });
    expect(outcome.status).toBe('changed');
    expect(stored[0]!.content).toBe(IOS_EXPECTED());
    expect((await deviceRow(db.knex, hostname)).hostKeyFingerprint).toBe(sim.hostKeyFingerprint);
  });

  it('three credentials, the first two wrong: the third is used, remembered and tried first next time', async () => {
    const three = createTestLogins(db.knex);
    await three.add({ name: 'wrong-a', username: 'admin', password: 'nope-a', tags: ['trio'], priority: 1 });
    await three.add({ name: 'wrong-b', username: 'admin', password: 'nope-b', tags: ['trio'], priority: 2 });
    const rightId = await three.add({ name: 'right-c', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['trio'], priority: 3 });
    const trioCtx = testContext(db.knex, three.source);
    const { sim, outcome, hostname } = await retrieveOnce({}, trioCtx, ['trio']);
    expect(outcome).toMatchObject({ status: 'changed', credential: 'right-c' });
    expect(sim.connections()).toBe(3);
    const logs = await jobLogs(db.knex, outcome.jobId);
    expect(logs.filter((l) => l.data.step === 'auth-failed').map((l) => l.data.credential)).toEqual(['wrong-a', 'wrong-b']);
    expect(three.asked.at(-1)).toEqual(['wrong-a', 'wrong-b', 'right-c']);
    expect((await deviceRow(db.knex, hostname)).lastGoodCredentialId).toBe(rightId);

    const again = await runSweep(trioCtx, { target: { kind: 'hostnames', hostnames: [hostname] } });
    expect(again.outcomes[0]).toMatchObject({ status: 'unchanged', credential: 'right-c' });
    expect(three.asked.at(-1)).toEqual(['right-c', 'wrong-a', 'wrong-b']);
    expect(sim.connections()).toBe(4);
    const counters = await db.knex('credentials').whereIn('name', ['wrong-a', 'wrong-b', 'right-c']).orderBy('name').select('name', 'successCount', 'failureCount');
    expect(counters).toEqual([
      { name: 'right-c', successCount: 2, failureCount: 0 },
      { name: 'wrong-a', successCount: 0, failureCount: 1 },
      { name: 'wrong-b', successCount: 0, failureCount: 1 },
    ]);
    const secondLogs = await jobLogs(db.knex, again.outcomes[0]!.jobId);
    expect(secondLogs.some((l) => l.data.step === 'auth-failed')).toBe(false);
  });

  it('a device whose only change is the "Last configuration change" line: no new version', async () => {
    const { sim, hostname, device } = await retrieveOnce({ changingTimestamp: true });
    const again = await runSweep(ctx, { target: { kind: 'hostnames', hostnames: [hostname] } });
    expect(sim.connections()).toBe(2);
    expect(again.outcomes[0]!.status).toBe('unchanged');
    expect(await versions(db.knex, device.id)).toHaveLength(1);
    expect((await deviceRow(db.knex, hostname)).lastRetrievalStatus).toBe('unchanged');
  });

  it('a device that never sends a prompt times out after the configured seconds; the others finish well before it', async () => {
    const hang = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hangAfterLogin: true }));
    await addSimulated(db.knex, hang, 'sweep-hang', ['sweep']);
    for (let i = 1; i <= 6; i++) {
      const sim = harness.add(await startSimulatedDevice({ driver: 'arista_eos', hostname: `leaf-${i}`, enableSecret: 'enable-pass' }));
      await addSimulated(db.knex, sim, `sweep-leaf-${i}`, ['sweep']);
    }
    await logins.add({ name: 'sweep-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['sweep'] });
    // Two at a time: one slot is stuck on the silent device while the other serves the six others.
    const tight = testContext(db.knex, logins.source, { concurrency: 2, limits: { ...ctx.limits, loginTimeoutMs: 2_000 } });
    const result = await runSweep(tight, { target: { kind: 'tag', tag: 'sweep' } });
    expect(result).toMatchObject({ status: 'partially_succeeded', total: 7, changed: 6, failed: 1, failuresByCode: { TIMEOUT: 1 } });
    const stuck = result.outcomes.find((o) => o.hostname === 'sweep-hang')!;
    expect(stuck.durationMs).toBeGreaterThanOrEqual(1_900);
    expect(stuck.durationMs).toBeLessThan(4_000);
    const others = result.outcomes.filter((o) => o.hostname !== 'sweep-hang');
    for (const other of others) expect(other.finishedAt.getTime()).toBeLessThan(stuck.finishedAt.getTime() - 1_000);
    // The sweep lasts about as long as the one timeout, not the sum of everything.
    expect(result.durationMs).toBeLessThan(stuck.durationMs + 1_500);
  });

  it('OSC/CSI escape sequences and NUL bytes are stored cleaned', async () => {
    const { outcome, stored } = await retrieveOnce({ injectControlSequences: true });
    expect(outcome.status).toBe('changed');
    expect(stored[0]!.content).toBe(IOS_EXPECTED());
    expect(stored[0]!.content).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});
