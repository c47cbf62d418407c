import { afterEach, describe, expect, it } from 'vitest';
import { loadDialogue, loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { ADMIN, DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

/** Point 2: questions between authentication and the first prompt. */
describe('login questions', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());

  async function device(driver: string, dialogue: string, extra: Partial<SimulatedDeviceOptions> = {}) {
    const owner = dialogue.includes('/') ? dialogue.split('/')[0]! : driver;
    const name = dialogue.includes('/') ? dialogue.split('/')[1]! : dialogue;
    const options = loadDialogue(owner, name) as Partial<SimulatedDeviceOptions>;
    return harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass', ...options, ...extra }));
  }

  it("fortinet_fortios: the post-login banner's (Press 'a' to accept) is answered with 'a'", async () => {
    const dev = await device('fortinet_fortios', 'post-login-banner');
    const result = await fetchFrom(dev);
    expect(result.content).toBe(loadTranscript('fortinet_fortios').expected);
    expect(result.content).not.toContain('authorised staff');
    expect(dev.typed().startsWith('a')).toBe(true);
  });

  it("mikrotik_routeros: the licence question gets 'n' and the default-configuration notice a space, never 'r'", async () => {
    const dev = await device('mikrotik_routeros', 'first-login');
    const result = await fetchFrom(dev);
    expect(result.content).toBe(loadTranscript('mikrotik_routeros').expected);
    expect(dev.typed().startsWith('n ')).toBe(true);
    expect(dev.typed()).not.toContain('r\n');
  });

  it('hp_procurve and aruba_aoscx: "Press any key to continue" is answered', async () => {
    for (const driver of ['hp_procurve', 'aruba_aoscx']) {
      const dev = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', loginQuestions: [{ text: '\nPress any key to continue', key: null }] }));
      expect((await fetchFrom(dev)).content).toBe(loadTranscript(driver).expected);
    }
  });

  it('a notice that waits for any key before the prompt (password expires in 5 days) is answered on every driver', async () => {
    const dev = await device('cisco_ios', 'press-any-key');
    expect((await fetchFrom(dev)).content).toBe(loadTranscript('cisco_ios').expected);
  });

  const expiries: [string, string][] = [
    ['fortinet_fortios', 'forced-password-change'],
    ['mikrotik_routeros', 'new-password'],
    ['aruba_aoscx', 'first-admin-login'],
    ['paloalto_panos', 'password-expired'],
    ['cisco_ios', 'password-expired'],
    ['cisco_nxos', 'cisco_ios/password-expired'],
    ['cisco_iosxr', 'cisco_ios/password-expired'],
    ['cisco_asa', 'cisco_ios/password-expired'],
    ['arista_eos', 'cisco_ios/password-expired'],
  ];
  for (const [driver, dialogue] of expiries) {
    it(`${driver}: a demanded new password stops with PASSWORD_EXPIRED and nothing is typed`, async () => {
      const dev = await device(driver, dialogue);
      const started = Date.now();
      const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 5_000 }));
      expect(err.code).toBe('PASSWORD_EXPIRED');
      expect(err.message).toContain('update the credential');
      expect(err.details.lastLine).toMatch(/password/i);
      // Recognised at once, not after the login timeout.
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(dev.typed()).toBe('');
      expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain(ADMIN.password);
    });
  }

  it('a question no driver knows ends as QUESTION_UNANSWERED with its text, not a vague timeout', async () => {
    const dev = await device('cisco_ios', 'unknown-question');
    const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 1_000 }));
    expect(err.code).toBe('QUESTION_UNANSWERED');
    expect(err.details.lastLine).toBe('Do you accept the change-freeze terms? (yes/no):');
    expect(err.message).toContain('(yes/no)');
    expect(dev.typed()).toBe('');
  });
});
