import { afterEach, describe, expect, it } from 'vitest';
import { loadTranscript, startSimulatedDevice } from '../../support/device-simulator/index.js';
import { DeviceHarness, fetchFrom } from './fetch-helpers.js';

const IOS_EXPECTED = (): string => loadTranscript('cisco_ios').expected ?? '';

describe('hard cases', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());

  it("a banner with '#' and '>' and an ANSI-coloured MOTD come before the real prompt", async () => {
    const banner = [
      '##############################################',
      '# router# edge> core-sw1# AUTHORISED ONLY   #',
      'core-sw1>',
      'core-sw1# >>> disconnect now <<<',
      '##############################################',
    ].join('\n');
    const motd = '\x1b[1;31mWARNING\x1b[0m: change freeze >\n\x1b[32mcore-sw1#\x1b[0m maintained by netops#';
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', banner, motd, enableSecret: 'enable-pass' }));
    const result = await fetchFrom(dev);
    expect(result.metadata.prompt).toBe('core-sw1#');
    expect(result.content).toBe(IOS_EXPECTED());
    expect(result.content).not.toContain('AUTHORISED ONLY');
  });

  it('a 5 MB configuration that stalls ~3 s mid-way is stored complete', async () => {
    const dev = harness.add(
      await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass', configBytes: 5_000_000, stall: { afterBytes: 2_500_000, ms: 3_000 } }),
    );
    const result = await fetchFrom(dev, { idleTimeoutMs: 4_500, overallTimeoutMs: 25_000 });
    expect(result.content.length).toBeGreaterThan(5_000_000);
    // The prompt-like description sits before the stall and must not end the command early.
    expect(result.content).toContain(' description uplink to router#\n');
    expect(result.content).toContain(' description padded access port 1\n');
    expect(result.content.trimEnd().endsWith('\nend')).toBe(true);
    const blocks = result.content.match(/^ description padded access port \d+$/gm) ?? [];
    const numbers = blocks.map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
    expect(numbers.length).toBeGreaterThan(30_000);
    // Every padding block is present exactly once and in order: nothing was lost or duplicated at the stall.
    expect(numbers.every((n, i) => n === i + 1)).toBe(true);
  }, 30_000);

  it('a pager on every page, with the paging command refused, is answered and cleaned', async () => {
    const dev = harness.add(
      await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass', pagerEveryLines: 10, configBytes: 20_000 }),
    );
    const paged = await fetchFrom(dev);
    const plain = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass', configBytes: 20_000 }));
    const reference = await fetchFrom(plain);
    expect(paged.content).not.toMatch(/More/);
    expect(paged.content).toBe(reference.content);
  });

  for (const driver of ['juniper_junos', 'cisco_asa', 'hp_procurve'] as const) {
    it(`${driver}: its own pager style is answered and cleaned`, async () => {
      const dev = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass', pagerEveryLines: 7 }));
      const result = await fetchFrom(dev);
      expect(result.content).toBe(loadTranscript(driver).expected);
    });
  }

  it('a device offering only diffie-hellman-group1-sha1, aes128-cbc and ssh-rsa', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass', legacyAlgorithmsOnly: true }));
    const result = await fetchFrom(dev);
    expect(result.content).toBe(IOS_EXPECTED());
    expect(result.hostKeyFingerprint).toBe(dev.hostKeyFingerprint);
  });

  it('the same legacy device is refused when the device override removes the legacy algorithms', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', legacyAlgorithmsOnly: true }));
    const err = await fetchFrom(dev, {}, undefined, { algorithms: { kex: ['curve25519-sha256'] } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNREACHABLE' });
    expect((err as Error).message).toContain('algorithm overrides');
  });

  it('OSC/CSI escape sequences and NUL bytes in the output are cleaned', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass', injectControlSequences: true }));
    const result = await fetchFrom(dev);
    expect(result.content).toBe(IOS_EXPECTED());
    expect(result.content).not.toMatch(/[\x00\x07\x1b]/);
  });

  it('a volatile "Last configuration change" line differing between fetches leaves identical content', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass', changingTimestamp: true }));
    const first = await fetchFrom(dev);
    const second = await fetchFrom(dev);
    expect(dev.connections()).toBe(2);
    expect(first.content).toBe(second.content);
    expect(first.content).toBe(IOS_EXPECTED());
  });

  it('a MikroTik export with changing header and resource counters is stable too', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'mikrotik_routeros', hostname: 'core-sw1', changingTimestamp: true }));
    const first = await fetchFrom(dev);
    const second = await fetchFrom(dev);
    expect(first.content).toBe(second.content);
  });
});
