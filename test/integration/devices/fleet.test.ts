import { afterEach, describe, expect, it } from 'vitest';
import { loadTranscript, startSimulatedFleet } from '../../support/device-simulator/index.js';
import { DeviceHarness, fetchFrom } from './fetch-helpers.js';

describe('simulated fleet', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());

  it('serves 40 devices fetched concurrently, each with its own hostname', async () => {
    const fleet = harness.add(await startSimulatedFleet(40, { driver: 'arista_eos', enableSecret: 'enable-pass', hostnamePrefix: 'leaf' }));
    expect(new Set(fleet.devices.map((d) => d.port)).size).toBe(40);
    const results = await Promise.all(fleet.devices.map((dev) => fetchFrom(dev)));
    const template = loadTranscript('arista_eos').expected ?? '';
    results.forEach((result, i) => {
      const hostname = `leaf-${String(i + 1).padStart(4, '0')}`;
      expect(result.metadata.prompt).toBe(`${hostname}#`);
      expect(result.content).toBe(template.replaceAll('core-sw1', hostname));
    });
  });
});
