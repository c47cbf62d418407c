import { afterEach, describe, expect, it } from 'vitest';
import { loadDialogue, loadTranscript, loadWidestPrompt, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { PLATFORMS_B } from './platforms-b.js';
import { DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

/**
 * Issue 13 (branch platforms-b): the dialogue fixtures of the new drivers — the widest prompt each platform's name
 * rule allows, factory names, prompts that change after enable — through the real session.
 */
const OTHER_PROMPTS: { driver: string; dialogue: string; learned: string }[] = [
  { driver: 'netgear_prosafe', dialogue: 'factory-prompt', learned: '(M4300-52G) #' },
  { driver: 'cisco_wlc', dialogue: 'custom-prompt', learned: '(WLC Campus North 2nd Floor 4F-A) >' },
  // The prompt changes after enable: '>' at login, '#' once privileged.
  { driver: 'dell_os10', dialogue: 'privilege-1', learned: 'core-sw1#' },
  { driver: 'cisco_sb', dialogue: 'privilege-1', learned: 'core-sw1#' },
  { driver: 'cisco_sb', dialogue: 'in-shell-login', learned: 'core-sw1#' },
  { driver: 'ruckus_fastiron', dialogue: 'factory-name', learned: 'SSH@ICX7150-48P Router#' },
];

/** Sessions that land somewhere else than the driver's CLI: a clear error naming the line, nothing stored. */
const WRONG_PLACES: { driver: string; dialogue: string; code: string; lastLine: string }[] = [
  { driver: 'cisco_ftd', dialogue: 'fxos-prompt', code: 'PROMPT_NOT_FOUND', lastLine: 'firepower#' },
];

/** Accounts below the privilege the configuration needs, whose enable secret the device refuses. */
const NO_PRIVILEGE: { driver: string; dialogue: string }[] = [
  { driver: 'dell_os10', dialogue: 'privilege-1' },
  { driver: 'cisco_sb', dialogue: 'privilege-1' },
];

describe('new platforms: prompts and login dialogues', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  const start = async (options: SimulatedDeviceOptions) => harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));

  for (const driver of PLATFORMS_B) {
    it(`${driver}: the widest legal prompt is learned and the stored text is the usual one`, async () => {
      const widest = loadWidestPrompt(driver);
      expect(widest, `${driver}/dialogue/widest-prompt.json`).toBeDefined();
      const { hostname, prompt, learned } = widest!;
      const dev = await start({ driver, hostname, ...(prompt === undefined ? {} : { prompt }) });
      const result = await fetchFrom(dev);
      expect(result.metadata.prompt).toBe(learned);
      expect(result.content.replaceAll(hostname, 'core-sw1')).toBe(loadTranscript(driver).expected);
    });
  }

  for (const { driver, dialogue, learned } of OTHER_PROMPTS) {
    it(`${driver} (${dialogue}): the prompt "${learned}" is learned and the configuration stored`, async () => {
      const dev = await start({ driver, ...(loadDialogue(driver, dialogue) as Partial<SimulatedDeviceOptions>) });
      const result = await fetchFrom(dev);
      expect(result.metadata.prompt).toBe(learned);
      expect(result.content.split('\n')).not.toContain(learned);
      expect(result.facts.serial).toBeTruthy();
    });
  }

  for (const { driver, dialogue, code, lastLine } of WRONG_PLACES) {
    it(`${driver} (${dialogue}): ${code} naming "${lastLine}"`, async () => {
      const dev = await start({ driver, ...(loadDialogue(driver, dialogue) as Partial<SimulatedDeviceOptions>) });
      const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 1_500 }));
      expect(err.code).toBe(code);
      expect(err.details.lastLine).toBe(lastLine);
      expect(dev.typed()).not.toContain('show running-config');
    });
  }

  for (const { driver, dialogue } of NO_PRIVILEGE) {
    it(`${driver} (${dialogue}): a refused enable secret is AUTH_FAILED at the enable step, no command is run`, async () => {
      const dev = await start({ driver, enableSecret: 'a-different-secret', ...(loadDialogue(driver, dialogue) as Partial<SimulatedDeviceOptions>) });
      const err = await expectFailure(fetchFrom(dev));
      expect(err.code).toBe('AUTH_FAILED');
      expect(err.details.stage).toBe('enable');
      expect(err.message).not.toContain('enable-pass');
      expect(dev.typed()).not.toContain('show ');
    });
  }
});
