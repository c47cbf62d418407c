import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/devices/fetch-configuration.js';
import { generateClientKeyPair, loadTranscript, startSimulatedDevice } from '../../support/device-simulator/index.js';
import { ADMIN, DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

describe('authentication methods and jump hosts', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());

  it('keyboard-interactive only: the password answers the prompt', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'arista_eos', hostname: 'core-sw1', enableSecret: 'enable-pass', authMethods: ['keyboard-interactive'] }));
    const result = await fetchFrom(dev);
    expect(result.content).toBe(loadTranscript('arista_eos').expected);
  });

  it('keyboard-interactive with a wrong password is AUTH_FAILED', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'arista_eos', authMethods: ['keyboard-interactive'] }));
    const err = await expectFailure(fetchFrom(dev, {}, { username: 'admin', password: 'nope' }));
    expect(err.code).toBe('AUTH_FAILED');
  });

  it('public-key login (no password at all)', async () => {
    const keys = generateClientKeyPair();
    const dev = harness.add(
      await startSimulatedDevice({ driver: 'juniper_junos', hostname: 'core-sw1', users: [{ username: 'admin', publicKey: keys.publicKey }], authMethods: ['publickey'] }),
    );
    const result = await fetchFrom(dev, {}, { username: 'admin', privateKey: keys.privateKey });
    expect(result.content).toBe(loadTranscript('juniper_junos').expected);
  });

  it('public-key login with a key the device does not know is AUTH_FAILED', async () => {
    const known = generateClientKeyPair();
    const other = generateClientKeyPair();
    const dev = harness.add(await startSimulatedDevice({ driver: 'juniper_junos', users: [{ username: 'admin', publicKey: known.publicKey }], authMethods: ['publickey'] }));
    const err = await expectFailure(fetchFrom(dev, {}, { username: 'admin', privateKey: other.privateKey }));
    expect(err.code).toBe('AUTH_FAILED');
  });

  it('an unreadable private key is INPUT_INVALID and never reaches the device', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'juniper_junos' }));
    const err = await expectFailure(fetchFrom(dev, {}, { username: 'admin', privateKey: 'not a key' }));
    expect(err.code).toBe('INPUT_INVALID');
    expect(dev.connections()).toBe(0);
  });

  it('through a jump host: connect to the bastion, forward to the device', async () => {
    const bastion = harness.add(
      await startSimulatedDevice({ driver: 'linux', hostname: 'bastion', allowForwarding: true, alternateHostKey: true, users: [{ username: 'jump', password: 'jump-pass' }] }),
    );
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass' }));
    const events: SessionEvent[] = [];
    const result = await fetchFrom(dev, { onEvent: (e) => events.push(e) }, ADMIN, {
      jumpHost: { host: bastion.host, port: bastion.port, login: { username: 'jump', password: 'jump-pass' }, hostKeyFingerprint: bastion.hostKeyFingerprint },
    });
    expect(result.content).toBe(loadTranscript('cisco_ios').expected);
    expect(result.hostKeyFingerprint).toBe(dev.hostKeyFingerprint);
    expect(bastion.connections()).toBe(1);
    expect(dev.connections()).toBe(1);
    expect(events[0]).toMatchObject({ type: 'connect', viaJumpHost: true });
  });

  it('a jump host that refuses its own login makes the device UNREACHABLE (not AUTH_FAILED)', async () => {
    const bastion = harness.add(await startSimulatedDevice({ driver: 'linux', allowForwarding: true, users: [{ username: 'jump', password: 'jump-pass' }] }));
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios' }));
    const err = await expectFailure(
      fetchFrom(dev, {}, ADMIN, { jumpHost: { host: bastion.host, port: bastion.port, login: { username: 'jump', password: 'bad' }, hostKeyFingerprint: null } }),
    );
    expect(err.code).toBe('UNREACHABLE');
    expect(err.details.stage).toBe('jump-host');
    expect(dev.connections()).toBe(0);
  });

  it('a jump host that may not forward makes the device UNREACHABLE', async () => {
    const bastion = harness.add(await startSimulatedDevice({ driver: 'linux', users: [{ username: 'jump', password: 'jump-pass' }] }));
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios' }));
    const err = await expectFailure(
      fetchFrom(dev, {}, ADMIN, { jumpHost: { host: bastion.host, port: bastion.port, login: { username: 'jump', password: 'jump-pass' }, hostKeyFingerprint: null } }),
    );
    expect(err.code).toBe('UNREACHABLE');
    expect(err.details.stage).toBe('jump-forward');
  });

  it('events follow the session and never carry a secret', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass' }));
    const events: SessionEvent[] = [];
    await fetchFrom(dev, { onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual(['connect', 'authenticated', 'command-sent', 'command-done', 'command-sent', 'command-done']);
    const serialised = JSON.stringify(events);
    expect(serialised).not.toContain('admin-pass');
    expect(serialised).not.toContain('enable-pass');
  });

  it('a throwing event listener does not break the retrieval', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass' }));
    const result = await fetchFrom(dev, {
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect(result.content).toBe(loadTranscript('cisco_ios').expected);
  });
});
