import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';
import { getDriver, listDrivers } from '../../../src/devices/drivers/registry.js';
import { loadTranscript, startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { DeviceHarness, fetchFrom } from './fetch-helpers.js';

/** Secrets present in each transcript; none may survive redaction. */
const SECRETS: Record<string, string[]> = {
  cisco_ios: ['3QiCqD1ZVr2e8vYxUEL4ZC', 'seWoe3Y9Vk6n9T0gW1uFrF0', 'n3tR4v3n-RO', '0822455D0A16544541', '094F471A1A0A'],
  cisco_nxos: ['J2xqkZyX3Hh1rGzV9xXk7cA1o2qP0r9Wl0mN8uTqQb', 'qxz12345', '0x8c5b6a36a9c1f1e2d3', 'n3xus-RO'],
  cisco_iosxr: ['gX7J5ZKp1T6xE8ytrWfWjyEFj8n9c1tQ1r6Yp2D0n7b', '01300F175804575D72', '0822455D0A16', 'xr-Secret'],
  cisco_asa: ['Kp3Xo5Vq0w', '2KFQnbNIdI.2KYOU', 'ZmFrZWhhc2g', 'tacacsKey123', 'l2lSecret!', 'asaComm'],
  arista_eos: ['Zt9rKq1sN6bYc2eW0vXl7mH3pQ8uT5aR4jD9iF1gC6oB2nE7yL0xS', 'aristaRO', '070C285F4D06', 'Qz0KXlQm2X4='],
  juniper_junos: ['2Fq8kLm3Zs1Xc7Vb5Nn0Aa9Ss8Dd7Ff6Gg5Hh4Jj3Kk2Ll1', 'DefGhiJklMnoPqrStuVwxYz0123456789', '$9$mT3nApu1IcyKvLxNbs2gJZGDi.mT', 'jnprRO', '$9$Hk.fQ3nCtOBEcyKMX-dsYgoZDk.P'],
  hp_procurve: ['hpComm', 'radSecret1', '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8'],
  aruba_aoscx: ['AQBapXk9Lt3NqjVmxQzX2w7fFzPq0uYtJ8Q1', 'cxComm', 'AQBapRadiusCipherText=='],
  fortinet_fortios: ['SH2nX8+', 'Qm9ndXNFbmNyeXB0ZWRCbG9i', 'VGFjYWNzS2V5'],
  paloalto_panos: ['G8qr1ruk0NeRXhaV2BGT9nbFk7xuDxoAFiF9Ra7PZ', 'paloComm', 'Qm9ndXNLZXlCbG9i'],
  mikrotik_routeros: ['W1f1Secret!', 'pppSecret1', 'n3tops-pass'],
  vyos: ['QxPS.uk6mfo', 'vyosComm', 'vyosPsk!'],
  linux: [],
};

describe('every driver retrieves its transcript', () => {
  const harness = new DeviceHarness();
  const devices = new Map<string, SimulatedDevice>();

  beforeAll(async () => {
    for (const driver of listDrivers()) {
      devices.set(driver, harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass' })));
    }
  });
  afterAll(() => harness.closeAll());

  // Drivers added since (issue 13) list their secrets in their transcript ("secrets").
  for (const name of listDrivers()) if (SECRETS[name] === undefined) SECRETS[name] = loadTranscript(name).secrets ?? [];

  it('covers every registered driver', () => {
    expect(listDrivers().length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(SECRETS).sort()).toEqual(listDrivers());
  });

  for (const driver of listDrivers()) {
    it(`${driver}: content equals the reviewed expected configuration`, async () => {
      const dev = devices.get(driver)!;
      const result = await fetchFrom(dev);
      expect(result.content).toBe(loadTranscript(driver).expected);
      expect(result.hostKeyFingerprint).toBe(dev.hostKeyFingerprint);
      expect(result.metadata.driver).toBe(driver);
      expect(result.metadata.commands.length).toBeGreaterThan(0);
      expect(result.metadata.bytesReceived).toBeGreaterThan(result.content.length / 2);
      expect(result.facts.osVersion).toBeTruthy();
      expect(result.facts.vendor).toBeTruthy();
      expect(result.content).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      if (driver !== 'linux') {
        expect(result.facts.model).toBeTruthy();
        expect(result.facts.serial).toBeTruthy();
      }
      if (getDriver(driver).mode === 'shell') {
        expect(result.metadata.prompt.length).toBeGreaterThan(0);
        expect(result.content.split('\n')).not.toContain(result.metadata.prompt);
      }
    });

    it(`${driver}: redaction removes every known secret`, async () => {
      const result = await fetchFrom(devices.get(driver)!, { redactSecrets: true });
      for (const secret of SECRETS[driver] ?? []) expect(result.content).not.toContain(secret);
      if ((SECRETS[driver] ?? []).length > 0) expect(result.content).toContain(REDACTION_MARKER);
    });
  }
});
