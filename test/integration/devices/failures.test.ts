import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedDevice } from '../../support/device-simulator/index.js';
import { ADMIN, DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';
import { closedPort } from '../../support/ports.js';


describe('failure classes', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());

  it('UNREACHABLE: nothing listens on the port', async () => {
    const port = await closedPort();
    const fake = { host: '127.0.0.1', port, hostname: 'gone-sw', driver: 'cisco_ios', hostKeyFingerprint: '', connections: () => 0, authAttempts: () => 0, authMethodsSeen: () => [], typed: () => '', close: async () => undefined };
    const err = await expectFailure(fetchFrom(fake));
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain(`gone-sw (127.0.0.1:${port})`);
    expect(err.message).toMatch(/refused/);
  });

  it('TIMEOUT: the device accepts the login and never sends a prompt', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hangAfterLogin: true }));
    const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 1_000 }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('sent nothing within 1 s');
    expect(err.details.stage).toBe('login');
  });

  it('AUTH_FAILED: wrong password (only listed users work)', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', users: [{ username: 'admin', password: 'right' }] }));
    const err = await expectFailure(fetchFrom(dev, {}, { username: 'admin', password: 'wrong-secret-xyz' }));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.details.stage).toBe('authentication');
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('wrong-secret-xyz');
  });

  it('AUTH_FAILED: wrong enable secret names the enable step', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass' }));
    const err = await expectFailure(fetchFrom(dev, {}, { ...ADMIN, enableSecret: 'not-the-enable-secret' }));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.details.stage).toBe('enable');
    expect(err.message).toContain('enable step');
    expect(err.message).not.toContain('not-the-enable-secret');
  });

  it('AUTH_FAILED: a device that hangs up after a wrong enable secret', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_asa', enableSecret: 'enable-pass', disconnectOnEnableFailure: true }));
    const err = await expectFailure(fetchFrom(dev, {}, { ...ADMIN, enableSecret: 'wrong-enable' }));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.details.stage).toBe('enable');
  });

  it('AUTH_FAILED: the device asks for an enable secret and the login has none', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'arista_eos', enableSecret: 'enable-pass' }));
    const err = await expectFailure(fetchFrom(dev, {}, { username: 'admin', password: 'admin-pass' }));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toContain('none is configured');
  });

  it('HOST_KEY_MISMATCH: refused before any credential is sent', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', alternateHostKey: true }));
    const known = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const err = await expectFailure(fetchFrom(dev, {}, ADMIN, { hostKeyFingerprint: known }));
    expect(err.code).toBe('HOST_KEY_MISMATCH');
    expect(err.details.expected).toBe(known);
    expect(err.details.seen).toBe(dev.hostKeyFingerprint);
    expect(dev.authAttempts()).toBe(0);
  });

  it('a known matching fingerprint is accepted (any accepted spelling)', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios' }));
    const bare = dev.hostKeyFingerprint.replace(/^SHA256:/, '');
    const result = await fetchFrom(dev, {}, ADMIN, { hostKeyFingerprint: bare });
    expect(result.hostKeyFingerprint).toBe(dev.hostKeyFingerprint);
  });

  it('PROMPT_NOT_FOUND: bytes arrive but nothing matches the driver prompt', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'juniper_junos' }));
    const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 1_000 }, ADMIN, { driver: 'fortinet_fortios' }));
    expect(err.code).toBe('PROMPT_NOT_FOUND');
    expect(err.message).toContain('fortinet_fortios');
    expect(err.details.lastLine).toBe('admin@sim-juniper-junos>');
  });

  it('COMMAND_REJECTED: names the command the device refused', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', rejectCommands: ['show running-config'] }));
    const err = await expectFailure(fetchFrom(dev));
    expect(err.code).toBe('COMMAND_REJECTED');
    expect(err.details.command).toBe('show running-config');
    expect(err.message).toContain('% Invalid input detected');
  });

  it('COMMAND_REJECTED over exec: non-zero exit status', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'linux', rejectCommands: ['cat /etc/hosts'] }));
    const err = await expectFailure(fetchFrom(dev));
    expect(err.code).toBe('COMMAND_REJECTED');
    expect(err.details.command).toBe('cat /etc/hosts');
    expect(err.details.exitCode).toBe(127);
  });

  it('OUTPUT_TOO_LARGE: the configuration exceeds the byte cap', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', configBytes: 400_000 }));
    const err = await expectFailure(fetchFrom(dev, { maxOutputBytes: 100_000 }));
    expect(err.code).toBe('OUTPUT_TOO_LARGE');
    expect(err.details.limitBytes).toBe(100_000);
  });

  it('OUTPUT_TOO_LARGE over exec counts every channel', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'linux', configBytes: 300_000 }));
    const err = await expectFailure(fetchFrom(dev, { maxOutputBytes: 100_000 }));
    expect(err.code).toBe('OUTPUT_TOO_LARGE');
  });

  it('TIMEOUT: idle timeout names the command when output stops', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', configBytes: 50_000, stall: { afterBytes: 10_000, ms: 3_000 } }));
    const err = await expectFailure(fetchFrom(dev, { idleTimeoutMs: 500 }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.details.command).toBe('show running-config');
    expect(err.message).toContain('no output for 500 ms');
  });

  it('TIMEOUT: the overall per-device limit stops a retrieval that keeps trickling', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', latencyMs: 400 }));
    const err = await expectFailure(fetchFrom(dev, { overallTimeoutMs: 1_000 }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.details.stage).toBe('overall');
  });

  it('DRIVER_UNKNOWN and INPUT_INVALID are raised before connecting', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'cisco_ios' }));
    const unknown = await expectFailure(fetchFrom(dev, {}, ADMIN, { driver: 'cisco_nope' }));
    expect(unknown.code).toBe('DRIVER_UNKNOWN');
    expect(unknown.message).toContain('cisco_ios');
    const badLimit = await expectFailure(fetchFrom(dev, { idleTimeoutMs: 0 }));
    expect(badLimit.code).toBe('INPUT_INVALID');
    const badAlgo = await expectFailure(fetchFrom(dev, {}, ADMIN, { algorithms: { kex: ['not-a-kex'] } }));
    expect(badAlgo.code).toBe('INPUT_INVALID');
    expect(dev.connections()).toBe(0);
  });
});
