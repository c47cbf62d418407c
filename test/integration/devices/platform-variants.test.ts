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

/** Further variants: another OS family under the same driver, with the facts it must yield. */
const FAMILIES: { driver: string; variant: string; facts: Record<string, string>; refused?: string }[] = [
  // PowerConnect / N-series has no "show inventory": refused (a warning), the serial comes from show version.
  { driver: 'dell_os9', variant: 'powerconnect', facts: { model: 'N3048P', osVersion: '6.6.3.10', serial: 'CN0K9F1P2829831A0019A00' }, refused: 'show inventory' },
];

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
        // Empty only where the platform masks every secret itself (extreme_voss): the masks are redacted too.
        const secrets = loadTranscript(driver, variant).secrets ?? [];
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
      const base = loadTranscript(driver);
      // Refused: removed from the variant (the error reply) or answered with the platform's own refusal text.
      const refused = [...base.replies.keys()].filter((command) => variant.replies.get(command)?.text !== base.replies.get(command)!.text);
      const dev = await start({ driver, transcript: 'info-refused' });
      const warnings: RetrievalWarning[] = [];
      const result = await fetchFrom(dev, { onEvent: (e) => (e.type === 'warning' ? warnings.push(e.warning) : undefined) });
      expect(refused).toHaveLength(1);
      expect(warnings).toEqual([expect.objectContaining({ code: 'INFO_COMMAND_REJECTED', command: refused[0] })]);
      expect(result.content).toBe(variant.expected);
      expect(result.metadata.commands).not.toContain(refused[0]);
    });
  }

  for (const { driver, variant, facts, refused } of FAMILIES) {
    it(`${driver}/${variant}: stored as reviewed, facts read, secrets redacted`, async () => {
      const transcript = loadTranscript(driver, variant);
      const dev = await start({ driver, transcript: variant });
      const warnings: RetrievalWarning[] = [];
      const result = await fetchFrom(dev, { onEvent: (e) => (e.type === 'warning' ? warnings.push(e.warning) : undefined) });
      expect(result.content).toBe(transcript.expected);
      expect(result.facts).toMatchObject(facts);
      expect(warnings.map((w) => w.command)).toEqual(refused === undefined ? [] : [refused]);
      const redacted = await fetchFrom(dev, { redactSecrets: true });
      for (const secret of transcript.secrets ?? []) expect(redacted.content).not.toContain(secret);
    });
  }
});
