import { afterEach, describe, expect, it } from 'vitest';
import { loadDialogue, loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { ADMIN, DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

/** Login dialogues and access paths of the issue-13 platforms beyond the shared suite. */
describe('platform dialogues', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  const start = async (options: SimulatedDeviceOptions) => harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));
  const expected = (driver: string) => loadTranscript(driver).expected;

  it('checkpoint_gaia: an account landing in Expert mode (bash) gets "clish" first, then the normal commands', async () => {
    const dev = await start({ driver: 'checkpoint_gaia', ...(loadDialogue('checkpoint_gaia', 'expert-shell') as Partial<SimulatedDeviceOptions>) });
    const result = await fetchFrom(dev);
    expect(dev.typed().startsWith('\nclish\n')).toBe(true);
    expect(result.metadata.prompt).toBe('core-sw1>');
    expect(result.content).toBe(expected('checkpoint_gaia'));
  });

  it('watchguard_fireware: the Logon Disclaimer is accepted with "yes" and the configuration follows', async () => {
    const dev = await start({ driver: 'watchguard_fireware', ...(loadDialogue('watchguard_fireware', 'logon-disclaimer') as Partial<SimulatedDeviceOptions>) });
    const result = await fetchFrom(dev);
    expect(dev.typed().startsWith('yes\n')).toBe(true);
    expect(result.content).toBe(expected('watchguard_fireware'));
    expect(result.content).not.toContain('Logon Disclaimer');
  });

  it('f5_tmsh: an account with the advanced shell (bash) is retrieved through the "tmsh -q" forms', async () => {
    const dev = await start({ driver: 'f5_tmsh', transcript: 'advanced-shell' });
    const result = await fetchFrom(dev);
    expect(result.metadata.commands).toEqual(['tmsh -q show sys version', 'tmsh -q show sys hardware', 'tmsh -q show running-config']);
    expect(result.content).toBe(expected('f5_tmsh'));
  });

  it('sonicwall_sonicos: the question whether to preempt another administrator is never answered', async () => {
    const dev = await start({ driver: 'sonicwall_sonicos', ...(loadDialogue('sonicwall_sonicos', 'preempt-question') as Partial<SimulatedDeviceOptions>) });
    const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 1_500 }));
    expect(err.code).toBe('QUESTION_UNANSWERED');
    expect(err.message).toContain('preempt');
    expect(dev.typed()).toBe('');
  });

  it('citrix_adc: the default bare ">" prompt (no host name in it) is learned and confirmed', async () => {
    const dev = await start({ driver: 'citrix_adc' });
    const result = await fetchFrom(dev);
    expect(result.metadata.prompt).toBe('>');
    expect(result.content).toBe(expected('citrix_adc'));
    expect(result.content).toContain('#NS14.1 Build 17.38');
  });

  for (const driver of ['checkpoint_gaia', 'f5_tmsh', 'citrix_adc', 'sonicwall_sonicos', 'watchguard_fireware', 'netgate_tnsr']) {
    it(`${driver}: a wrong password is AUTH_FAILED and nothing of the credential shows up`, async () => {
      const dev = await start({ driver });
      const err = await expectFailure(fetchFrom(dev, {}, { ...ADMIN, password: 'wrong-Secret-4711' }));
      expect(err.code).toBe('AUTH_FAILED');
      expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('wrong-Secret-4711');
    });
  }
});
