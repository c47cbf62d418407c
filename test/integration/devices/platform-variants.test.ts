import { afterAll, describe, expect, it } from 'vitest';
import type { RetrievalWarning } from '../../../src/devices/fetch-configuration.js';
import { loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';
import { DeviceHarness, fetchFrom } from './fetch-helpers.js';
import { PLATFORMS_B } from './platforms-b.js';

/**
 * Issue 13 (branch platforms-b): the pager and info-refused transcripts of each new driver through the real
 * session. Base and volatile transcripts are covered by the registry-driven suites (drivers.test.ts,
 * config-content.test.ts, retrieval/volatile-content.test.ts).
 */

describe('new platforms: paging left on, refused info commands, secrets', () => {
  const harness = new DeviceHarness();
  afterAll(() => harness.closeAll());
  const start = async (options: SimulatedDeviceOptions) => harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));

  for (const driver of PLATFORMS_B) {
    it(`${driver}: the paging command refused, its own pager form answered: the configuration is complete`, async () => {
      const simulate = loadTranscript(driver, 'pager').simulate;
      expect(simulate?.pagerEveryLines).toBeGreaterThan(0);
      const dev = await start({ driver, transcript: 'pager' });
      const result = await fetchFrom(dev);
      expect(result.content).toBe(loadTranscript(driver).expected);
    });

    it(`${driver}: a pager prompt on the very last line of output is answered too`, async () => {
      const style = loadTranscript(driver, 'pager').simulate!.pagerStyle!;
      const key = style.continueKey ?? ' ';
      const dev = await start({ driver, transcript: 'pager', pagerStyle: { ...style, last: { prompt: style.prompt, key, erase: style.erase } } });
      const result = await fetchFrom(dev);
      expect(result.content).toBe(loadTranscript(driver).expected);
    });

    for (const variant of [undefined, 'volatile']) {
      it(`${driver}${variant === undefined ? '' : `/${variant}`}: every secret of the transcript is stored, and redacted on request`, async () => {
        const secrets = loadTranscript(driver, variant).secrets ?? [];
        expect(secrets.length).toBeGreaterThan(0);
        const dev = await start({ driver, transcript: variant });
        const plain = await fetchFrom(dev);
        const redacted = await fetchFrom(dev, { redactSecrets: true });
        for (const secret of secrets) {
          expect(plain.content).toContain(secret);
          expect(redacted.content).not.toContain(secret);
        }
        expect(redacted.content).toContain(REDACTION_MARKER);
      });
    }

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
