import { describe, expect, it } from 'vitest';
import type { RetrievalWarning } from '../../../src/devices/fetch-configuration.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';
import { loadDialogue, loadTranscript, startSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { ADMIN, expectFailure, fetchFrom } from './fetch-helpers.js';
import { DIALOGUES, FAMILIES, REFUSALS } from './platform-cases.js';

/**
 * Issue 13: what one platform needs beyond the shared driver suite (driver-suite.test.ts) — other OS families
 * under one driver, login dialogues and prompt forms, refusals — through the real session (cases in
 * platform-cases.ts).
 */
async function withDevice<T>(options: SimulatedDeviceOptions, use: (dev: SimulatedDevice) => Promise<T>): Promise<T> {
  const dev = await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options });
  try {
    return await use(dev);
  } finally {
    await dev.close();
  }
}

const dialogueOptions = (driver: string, dialogue: string | undefined): Partial<SimulatedDeviceOptions> =>
  dialogue === undefined ? {} : (loadDialogue(driver, dialogue) as Partial<SimulatedDeviceOptions>);

describe.concurrent('platform cases', () => {
  for (const family of FAMILIES) {
    it(`${family.driver}/${family.variant}: stored as reviewed, facts read, secrets stored and redacted`, async () => {
      const transcript = loadTranscript(family.driver, family.variant);
      const warnings: RetrievalWarning[] = [];
      await withDevice({ driver: family.driver, transcript: family.variant }, async (dev) => {
        const result = await fetchFrom(dev, { onEvent: (e) => (e.type === 'warning' ? warnings.push(e.warning) : undefined) });
        expect(result.content).toBe(transcript.expected);
        expect(result.facts).toMatchObject(family.facts);
        if (family.prompt !== undefined) expect(result.metadata.prompt).toBe(family.prompt);
        expect(warnings.map((w) => w.command)).toEqual(family.refused ?? []);
        const redacted = await fetchFrom(dev, { redactSecrets: true });
        for (const secret of transcript.secrets ?? []) {
          expect(result.content, `stored: ${secret}`).toContain(secret);
          expect(redacted.content, `redacted: ${secret}`).not.toContain(secret);
        }
        if ((transcript.secrets ?? []).length > 0) expect(redacted.content).toContain(REDACTION_MARKER);
      });
    });
  }

  for (const { driver, dialogue, outcome, prompt, typed } of DIALOGUES) {
    const what = outcome === 'stored' ? `answered, ${prompt === undefined ? '' : `prompt "${prompt}" learned, `}configuration stored` : `stops with ${outcome}, nothing typed`;
    it(`${driver}: dialogue ${dialogue} — ${what}`, async () => {
      const options = dialogueOptions(driver, dialogue);
      await withDevice({ driver, ...options }, async (dev) => {
        if (outcome === 'stored') {
          const result = await fetchFrom(dev);
          const hostname = typeof options.hostname === 'string' ? options.hostname : 'core-sw1';
          expect(result.content).toBe(loadTranscript(driver).expected!.replaceAll('core-sw1', hostname));
          if (prompt !== undefined) expect(result.metadata.prompt).toBe(prompt);
          if (typed !== undefined) expect(dev.typed().startsWith(typed)).toBe(true);
          return;
        }
        const err = await expectFailure(fetchFrom(dev));
        expect(err.code).toBe(outcome);
        expect(dev.typed()).toBe('');
      });
    });
  }

  for (const refusal of REFUSALS) {
    it(`${refusal.driver}: ${refusal.about} fails with ${refusal.code}`, async () => {
      const options = { driver: refusal.driver, transcript: refusal.variant, ...dialogueOptions(refusal.driver, refusal.dialogue), ...refusal.options };
      await withDevice(options, async (dev) => {
        const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: refusal.code === 'PROMPT_NOT_FOUND' ? 1_500 : 5_000 }));
        expect(err.code).toBe(refusal.code);
        for (const words of refusal.says) expect(err.message).toContain(words);
        expect(err.message).not.toContain(ADMIN.password);
        expect(err.message).not.toContain('enable-pass');
        // Stopped at the login or the enable step: the configuration command was never sent.
        if (refusal.code !== 'COMMAND_REJECTED') {
          const config = getDriver(refusal.driver).commands.find((c) => c.role === 'config')!.command;
          expect(dev.typed()).not.toContain(config);
        }
      });
    });
  }
});
