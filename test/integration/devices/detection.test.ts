import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/devices/fetch-configuration.js';
import { getDriver, listDrivers } from '../../../src/devices/drivers/registry.js';
import { loadDialogue, loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { ADMIN, DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

const AUTO = { driver: 'auto' };

/** Point 4: device_type auto through the real session, every driver of the registry and the bad inputs. */
describe('auto detection: every driver is detected as itself', () => {
  const harness = new DeviceHarness();
  afterAll(() => harness.closeAll());

  describe.concurrent('registry', () => {
    for (const driver of listDrivers()) {
      it(`${driver}`, async () => {
        const dev = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass' }));
        const events: SessionEvent[] = [];
        const result = await fetchFrom(dev, { onEvent: (e) => events.push(e) }, ADMIN, AUTO);
        expect(result.detection?.driver).toBe(driver);
        expect(result.metadata.driver).toBe(driver);
        expect(result.content).toBe(loadTranscript(driver).expected);
        expect(result.detection!.probes.length).toBeLessThanOrEqual(2);
        const detected = events.find((e) => e.type === 'detected');
        expect(detected).toBeDefined();
        // Two logins: the detection, then the retrieval with the detected driver on the same host key.
        expect(dev.connections()).toBe(2);
        // Nothing was typed but empty lines, the probes detection reports, and the detected driver's own dialogue.
        const own = getDriver(driver);
        const allowed = new Set<string>([
          ...result.detection!.probes,
          ...own.setupCommands,
          ...own.commands.flatMap((c) => [c.command, ...(c.fallbacks ?? [])]),
          ...(own.enable === undefined ? [] : [own.enable.command, 'enable-pass']),
          ...(own.exitCommand === undefined ? [] : [own.exitCommand]),
          ...(own.shellEscape === undefined ? [] : [own.shellEscape.command]),
          // The platform's own login inside the session (AireOS "User:"), answered in the retrieval's login only.
          ...(own.inShellLogin === undefined ? [] : [ADMIN.username, ADMIN.password!]),
        ]);
        // Keys answering a splash or pager (a space) are not lines; what remains must be a known command.
        const typedLines = dev.typed().split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
        for (const line of typedLines) expect(allowed.has(line), `typed ${JSON.stringify(line)}`).toBe(true);
        for (const probe of result.detection!.probes) expect(typedLines).toContain(probe);
      });
    }
  });
});

describe('auto detection: bad input ends in the right driver or a clear error', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  const start = async (options: SimulatedDeviceOptions) => harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));

  it('a plain Linux box is detected as linux (uname -a), not as a Linux-based network OS', async () => {
    const dev = await start({ driver: 'linux' });
    const result = await fetchFrom(dev, {}, ADMIN, AUTO);
    expect(result.detection).toMatchObject({ driver: 'linux', probes: ['uname -a'] });
    expect(result.content).toBe(loadTranscript('linux').expected);
  });

  it('a printer announced in the SSH banner is refused before any credential is sent', async () => {
    const dev = await start({ driver: 'linux', banner: 'HP LaserJet MFP M528 - Embedded Jetdirect\nAuthorized users only', sshIdent: 'OpenSSH_7.4' });
    const err = await expectFailure(fetchFrom(dev, {}, ADMIN, AUTO));
    expect(err.code).toBe('DRIVER_UNDETECTED');
    expect(err.message).toContain('looks like a printer');
    expect(err.message).toContain('no credential was sent');
    expect(dev.authMethodsSeen()).toEqual(['none']);
    expect(dev.typed()).toBe('');
  });

  it('a printer that shows itself only after login: nothing is typed, nothing stored', async () => {
    const dev = await start({ driver: 'linux', motd: 'Lexmark MX711 Secure Shell\nType "help" for commands.\n', prompt: 'lexmark> ' });
    const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 2_500 }, ADMIN, AUTO));
    expect(err.code).toBe('DRIVER_UNDETECTED');
    expect(err.message).toContain('printer');
    expect(dev.typed()).toBe('');
  });

  it('a console-server port session (Avocent ACS banner) is refused before anything is typed, even an empty line', async () => {
    const dev = await start({ driver: 'cisco_ios', motd: "[Connected to port: ttyS4 (core-rtr-7)]\n[Enter '^Ec?' for help]\n" });
    const err = await expectFailure(fetchFrom(dev, {}, ADMIN, AUTO));
    expect(err.code).toBe('DRIVER_UNDETECTED');
    expect(err.message).toContain('console server');
    expect(err.message).toContain('nothing was typed');
    expect(dev.typed()).toBe('');
  });

  it('a console server named in its SSH authentication banner gets no credential', async () => {
    const dev = await start({ driver: 'linux', banner: 'Opengear CM7116-2 console server\nUnauthorised access prohibited' });
    const err = await expectFailure(fetchFrom(dev, {}, ADMIN, AUTO));
    expect(err.code).toBe('DRIVER_UNDETECTED');
    expect(dev.authMethodsSeen()).toEqual(['none']);
  });

  it('a device whose prompt changes after enable: detected from the user-mode prompt, retrieved in privileged mode', async () => {
    const dev = await start({ driver: 'cisco_asa' });
    const result = await fetchFrom(dev, {}, ADMIN, AUTO);
    expect(result.detection?.driver).toBe('cisco_asa');
    expect(result.detection?.reasons.join(' ')).toContain('prompt "core-sw1>"');
    expect(result.metadata.prompt).toBe('core-sw1#');
    expect(result.content).toBe(loadTranscript('cisco_asa').expected);
  });

  // Prompts that change after enable ('>' until enable, then '#'), and Cisco SB asking for the account in the session.
  for (const [driver, dialogue] of [['dell_os10', 'privilege-1'], ['cisco_sb', 'privilege-1'], ['cisco_sb', 'in-shell-login']] as const) {
    it(`${driver} (${dialogue}): detected as itself, retrieved in privileged mode`, async () => {
      const dev = await start({ driver, ...(loadDialogue(driver, dialogue) as Partial<SimulatedDeviceOptions>) });
      const result = await fetchFrom(dev, {}, ADMIN, AUTO);
      expect(result.detection?.driver).toBe(driver);
      expect(result.metadata.prompt).toBe('core-sw1#');
      expect(result.content).toBe(loadTranscript(driver).expected);
    });
  }

  it('ambiguous: a Cisco-style device that refuses "show version" fails with DRIVER_UNDETECTED naming the candidates', async () => {
    const dev = await start({ driver: 'cisco_ios', rejectCommands: ['show version'] });
    const err = await expectFailure(fetchFrom(dev, {}, ADMIN, AUTO));
    expect(err.code).toBe('DRIVER_UNDETECTED');
    expect(err.message).toContain('not decisive');
    const candidates = (err.details.candidates as { driver: string }[]).map((c) => c.driver);
    expect(candidates).toContain('cisco_ios');
    expect(candidates).toContain('cisco_asa');
    expect(dev.connections()).toBe(1);
  });

  it('unknown: a management processor with its own prompt and SSH server fails with DRIVER_UNDETECTED', async () => {
    const dev = await start({ driver: 'linux', sshIdent: 'mpSSH_0.2.1', prompt: '</>hpiLO-> ', motd: 'User:admin logged-in to ILOMXQ1234567.example.net(10.9.8.7)\niLO 5 Advanced 2.72 at  Sep 04 2022\n' });
    const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 2_500 }, ADMIN, AUTO));
    expect(err.code).toBe('DRIVER_UNDETECTED');
    expect(err.message).toContain('could not be detected');
  });

  it('a wrong credential during detection is AUTH_FAILED (the next credential is tried by the retrieval layer)', async () => {
    const dev = await start({ driver: 'cisco_ios' });
    const err = await expectFailure(fetchFrom(dev, {}, { ...ADMIN, password: 'wrong' }, AUTO));
    expect(err.code).toBe('AUTH_FAILED');
  });
});
