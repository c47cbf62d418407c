import { afterEach, describe, expect, it } from 'vitest';
import { loadDialogue, loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions, type SimulatedUser } from '../../support/device-simulator/index.js';
import { ADMIN, DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

const expected = (driver: string): string => loadTranscript(driver).expected ?? '';

/** Point 3: the prompt is learned once output settles, confirmed, and never narrower than the platform allows. */
describe('prompt learning', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());

  const start = async (options: SimulatedDeviceOptions) => harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));

  for (const typeahead of [false, true]) {
    const how = typeahead ? 'typed-ahead input kept' : 'typed-ahead input dropped';
    it(`a banner ending with "switch>" and no newline is not taken for the prompt (${how})`, async () => {
      const dev = await start({ driver: 'cisco_ios', typeahead, ...loadDialogue('cisco_ios', 'banner-prompt-trap') });
      const result = await fetchFrom(dev);
      expect(result.metadata.prompt).toBe('core-sw1#');
      expect(result.content).toBe(expected('cisco_ios'));
    });

    it(`a prompt-like banner line whose line end comes 30 ms later is not the prompt (${how})`, async () => {
      const dev = await start({ driver: 'cisco_ios', typeahead, ...loadDialogue('cisco_ios', 'split-prompt-line') });
      const result = await fetchFrom(dev);
      expect(result.metadata.prompt).toBe('core-sw1#');
      expect(result.content).toBe(expected('cisco_ios'));
    });

    it(`the same banner line equal to the real prompt cannot shift commands by one (${how})`, async () => {
      // The device really is fake-sw: the banner's "fake-sw#" is the real prompt text, seen once too early.
      const dev = await start({ driver: 'cisco_ios', hostname: 'fake-sw', typeahead, ...loadDialogue('cisco_ios', 'split-prompt-line') });
      const result = await fetchFrom(dev);
      const reference = await fetchFrom(await start({ driver: 'cisco_ios', hostname: 'fake-sw' }));
      expect(result.content).toBe(reference.content);
      expect(result.content).toContain('hostname fake-sw');
      expect(result.content).not.toContain('show running-config');
      expect(result.content.length).toBeGreaterThan(1_000);
    });
  }

  it('a ProCurve with its factory name (spaces, cursor positioning before the prompt)', async () => {
    const dev = await start({ driver: 'hp_procurve', ...loadDialogue('hp_procurve', 'factory-name') });
    const result = await fetchFrom(dev);
    expect(result.metadata.prompt).toBe('ProCurve Switch 2610-24#');
    expect(result.content.replaceAll('ProCurve Switch 2610-24', 'core-sw1')).toBe(expected('hp_procurve'));
  });

  it('juniper_junos: root landing in the FreeBSD shell gets "cli" first, then the normal commands', async () => {
    const options = loadDialogue('juniper_junos', 'root-shell') as Partial<SimulatedDeviceOptions>;
    const dev = await start({ driver: 'juniper_junos', ...options });
    const result = await fetchFrom(dev, {}, { username: 'root', password: 'root-pass' });
    expect(result.metadata.prompt).toBe('root@core-sw1>');
    expect(result.content).not.toContain('Command not found');
    expect(dev.typed().startsWith('\ncli\n')).toBe(true);
    const reference = await fetchFrom(await start({ driver: 'juniper_junos', users: [{ username: 'root', password: 'root-pass' }] }), {}, { username: 'root', password: 'root-pass' });
    expect(result.content).toBe(reference.content);
  });

  it('a device that never echoes commands fails with COMMAND_NOT_ECHOED, never a stored configuration', async () => {
    const dev = await start({ driver: 'cisco_nxos', noEcho: true });
    const err = await expectFailure(fetchFrom(dev, { idleTimeoutMs: 500, loginTimeoutMs: 2_000 }));
    expect(err.code).toBe('COMMAND_NOT_ECHOED');
    expect(err.message).toContain('without echoing');
  });

  it('a prompt-like line that never comes back after an empty line is reported as such', async () => {
    // The device prints "router#" and then goes silent: nothing confirms it is a prompt.
    const dev = await start({ driver: 'cisco_ios', loginChunks: [{ text: '\r\nrouter#' }], loginQuestions: [{ text: '', key: 'x', onWrong: 'ignore' }] });
    const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 1_500 }));
    expect(err.code).toBe('PROMPT_NOT_FOUND');
    expect(err.details.candidate).toBe('router#');
    expect(err.message).toContain('did not come back');
  });

  /** The widest prompt of each platform is in its dialogue/widest-prompt.json (the shared driver suite); these are second forms. */
  const widest: { driver: string; hostname: string; prompt?: string; user?: SimulatedUser; learned: string }[] = [
    { driver: 'juniper_junos', hostname: 'amnesiac', prompt: '{master:0}\nroot> ', user: { username: 'root', password: 'admin-pass' }, learned: 'root>' },
    { driver: 'fortinet_fortios', hostname: 'FGT-very-long-name~', learned: 'FGT-very-long-name~ #' },
  ];
  for (const w of widest) {
    it(`${w.driver}: the widest legal prompt "${w.learned}" is learned and the configuration is complete`, async () => {
      const users = w.user === undefined ? undefined : [w.user];
      const dev = await start({ driver: w.driver, hostname: w.hostname, prompt: w.prompt, users });
      const login = w.user === undefined ? ADMIN : { ...ADMIN, username: w.user.username };
      const result = await fetchFrom(dev, {}, login);
      expect(result.metadata.prompt).toBe(w.learned);
      expect(result.content.replaceAll(w.hostname, 'core-sw1')).toBe(expected(w.driver));
    });
  }
});
