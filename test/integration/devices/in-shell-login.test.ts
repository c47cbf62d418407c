import { afterEach, describe, expect, it } from 'vitest';
import { generateClientKeyPair, loadDialogue, loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { ADMIN, DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

/**
 * Platforms that ask for the account again inside the SSH session (AireOS "User:" / "Password:"): the credential's
 * username and password are typed there once, never anywhere else, and a refusal is AUTH_FAILED.
 */
describe('in-shell login', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  const start = async (options: SimulatedDeviceOptions) => harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));

  it('cisco_wlc: user and password are typed at "User:" and "Password:", once each, then the configuration is read', async () => {
    const dev = await start({ driver: 'cisco_wlc' });
    const result = await fetchFrom(dev);
    expect(result.content).toBe(loadTranscript('cisco_wlc').expected);
    expect(dev.typed().startsWith('admin\nadmin-pass\n')).toBe(true);
    expect(dev.typed().split('admin-pass')).toHaveLength(2);
  });

  it('cisco_wlc: a wrong password is AUTH_FAILED after one attempt (the next credential can be tried), never retyped', async () => {
    const dev = await start({ driver: 'cisco_wlc' });
    const err = await expectFailure(fetchFrom(dev, {}, { ...ADMIN, password: 'wrong-pass' }));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toContain('refused them');
    expect(err.message).not.toContain('wrong-pass');
    expect(dev.typed().split('wrong-pass')).toHaveLength(2);
  });

  it('cisco_wlc: a key-only credential gets through SSH but cannot answer "Password:": AUTH_FAILED saying why', async () => {
    const keys = generateClientKeyPair();
    const dev = await start({ driver: 'cisco_wlc', users: [{ username: 'admin', password: 'admin-pass', publicKey: keys.publicKey }] });
    const err = await expectFailure(fetchFrom(dev, {}, { username: 'admin', privateKey: keys.privateKey }));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toContain('has none (key only)');
    expect(dev.typed()).toBe('admin\n');
  });

  it('cisco_sb: without `ip ssh password-auth` the switch asks "User Name:"; a wrong password is AUTH_FAILED', async () => {
    const options = loadDialogue('cisco_sb', 'in-shell-login') as Partial<SimulatedDeviceOptions>;
    const good = await start({ driver: 'cisco_sb', ...options });
    expect((await fetchFrom(good)).content).toBe(loadTranscript('cisco_sb').expected);
    expect(good.typed().startsWith('admin\nadmin-pass\n')).toBe(true);
    const bad = await start({ driver: 'cisco_sb', ...options });
    const err = await expectFailure(fetchFrom(bad, {}, { ...ADMIN, password: 'wrong-pass' }));
    expect(err.code).toBe('AUTH_FAILED');
    // The enable step's "Password:" is never answered with the login password.
    expect(bad.typed().split('wrong-pass')).toHaveLength(2);
  });

  it('cisco_wlc: the widest `config prompt` (31 characters with spaces) is learned', async () => {
    const dev = await start({ driver: 'cisco_wlc', ...(loadDialogue('cisco_wlc', 'custom-prompt') as Partial<SimulatedDeviceOptions>) });
    const result = await fetchFrom(dev);
    expect(result.metadata.prompt).toBe('(WLC Campus North 2nd Floor 4F-A) >');
    expect(result.content).toBe(loadTranscript('cisco_wlc').expected);
  });

  it('cisco_wlc: paging left on with "Press Enter to continue or <Ctrl-Z> to abort" is answered with Enter', async () => {
    const dev = await start({ driver: 'cisco_wlc', transcript: 'pager', ...(loadDialogue('cisco_wlc', 'press-enter-pages') as Partial<SimulatedDeviceOptions>) });
    const result = await fetchFrom(dev);
    expect(result.content).toBe(loadTranscript('cisco_wlc').expected);
    expect(result.content).not.toContain('Press Enter');
  });
});
