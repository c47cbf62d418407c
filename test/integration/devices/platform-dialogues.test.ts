import { afterEach, describe, expect, it } from 'vitest';
import { loadDialogue, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { DeviceHarness, fetchFrom } from './fetch-helpers.js';

/**
 * Issue 13 (branch platforms-b): the dialogue fixtures of the new drivers — the widest prompt each platform's name
 * rule allows, factory names, prompts that change after enable — through the real session.
 */
const PROMPTS: { driver: string; dialogue: string; prompt: string }[] = [
  { driver: 'broadcom_fastpath', dialogue: 'widest-prompt', prompt: '(Building 4 IDF 2 Access Stack Rack B Unit 12 to 14 Floor 4 East1) #' },
  { driver: 'netgear_prosafe', dialogue: 'factory-prompt', prompt: '(M4300-52G) #' },
];

describe('new platforms: prompts and login dialogues', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());

  for (const { driver, dialogue, prompt } of PROMPTS) {
    it(`${driver} (${dialogue}): the prompt "${prompt}" is learned and the configuration stored`, async () => {
      const options = loadDialogue(driver, dialogue) as Partial<SimulatedDeviceOptions>;
      const dev = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));
      const result = await fetchFrom(dev);
      expect(result.metadata.prompt).toBe(prompt);
      expect(result.content.split('\n')).not.toContain(prompt);
      expect(result.facts.serial).toBeTruthy();
    });
  }
});
