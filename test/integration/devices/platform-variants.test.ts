import { afterAll, describe, expect, it } from 'vitest';
import type { RetrievalWarning } from '../../../src/devices/fetch-configuration.js';
import { loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { DeviceHarness, fetchFrom } from './fetch-helpers.js';

/**
 * Issue 13 (branch platforms-b): the pager and info-refused transcripts of each new driver through the real
 * session. Base and volatile transcripts are covered by the registry-driven suites (drivers.test.ts,
 * config-content.test.ts, retrieval/volatile-content.test.ts).
 */
const DRIVERS = ['cisco_wlc', 'broadcom_fastpath', 'netgear_prosafe'];

/** Lines per page when a device pages: small, so every configuration crosses many page boundaries. */
const PAGE_LINES = 20;

describe('new platforms: paging left on and refused info commands', () => {
  const harness = new DeviceHarness();
  afterAll(() => harness.closeAll());
  const start = async (options: SimulatedDeviceOptions) => harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));

  for (const driver of DRIVERS) {
    it(`${driver}: the paging command refused, its own pager form answered: the configuration is complete`, async () => {
      const dev = await start({ driver, transcript: 'pager', pagerEveryLines: PAGE_LINES });
      const result = await fetchFrom(dev);
      expect(result.content).toBe(loadTranscript(driver).expected);
    });

    it(`${driver}: a pager prompt on the very last line of output is answered too`, async () => {
      const { prompt, erase } = loadTranscript(driver, 'pager').pager;
      const dev = await start({ driver, transcript: 'pager', pagerEveryLines: PAGE_LINES, pagerStyle: { prompt, erase, last: { prompt, key: ' ', erase } } });
      const result = await fetchFrom(dev);
      expect(result.content).toBe(loadTranscript(driver).expected);
    });

    it(`${driver}: a refused info command is a warning and the configuration is still stored`, async () => {
      const variant = loadTranscript(driver, 'info-refused');
      const refused = Object.keys(loadTranscript(driver).commands).filter((command) => !(command in variant.commands));
      const dev = await start({ driver, transcript: 'info-refused' });
      const warnings: RetrievalWarning[] = [];
      const result = await fetchFrom(dev, { onEvent: (e) => (e.type === 'warning' ? warnings.push(e.warning) : undefined) });
      expect(refused).toHaveLength(1);
      expect(warnings).toEqual([expect.objectContaining({ code: 'INFO_COMMAND_REJECTED', command: refused[0] })]);
      expect(result.content).toBe(variant.expected);
      expect(result.metadata.commands).not.toContain(refused[0]);
    });
  }
});
