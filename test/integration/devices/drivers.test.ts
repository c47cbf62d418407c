import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';
import { listDrivers } from '../../../src/devices/drivers/registry.js';
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
  broadcom_fastpath: ['5b3c1f0f8a4e2d6b7c9a0e1f2d3c4b5a6978f0e1d2c3b4a5968778695a4b3c2d', '0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e', '7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b', '3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c', 'fpRead7q', '9a8b7c6d5e4f3a2b1c0d'],
  netgear_prosafe: ['6f1ed002ab5595859014ebf0951522d9ccbfb7b4a1f0d4e2e9f5c7d1b8a3e6c2', '1d3f5b7a9c2e4d6f8a0b2c4e6d8f0a2b4c6e8d0f2a4b6c8e0d2f4a6b8c0e2d4f', '8c2e4a6f0d1b3c5e7a9f2d4b6c8e0a1f', 'ngRead5k'],
  dell_os9: ['b125455cf679b208e79b910e85789edf', '$1$Wq3e$Y7nQm2bVtQz1Xc4D8pLk1.', '1d28e9f33f99cf5c', '$1$kL9d$2ZxT7wRq0Hf3Mn6Vb1Cy8/', '387a7f2df5969da4', '3a5c2d8e4f1b9a07', 'dellRO9x', '0a1b2c3d4e5f6a7b', '5e6f7a8b9c0d1e2f'],
  dell_os10: ['$6$5DdOHYg5$JCE1vMSmkQOrbh31U74PIPv7lyOgRmba1IxhkYibppMXs1KM4Y.gfMxD4aZiU7tAxQ2GFlOaTtD7kT2Uo/9KK.', '$6$q9QBeYjZ$jfxzVqGhkxX3smxJSH9DDz7/3OJc6m5wjF8nnLD7/VKx8SloIhp4NoGZs0I/UNwh8WVuxwfd9q4pWIgNs5BKH.', '3e8f9a2c1b7d4e6f0a5c8b2d9e1f4a7c6b3d0e8f', '5c1e7a3b9d2f8c4e6a0b5d9f1c3e7a2b8d4f6c0e', 'd10Read4w', '0x1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d', '7f1e2d3c4b5a69788796a5b4c3d2e1f0', '8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d', '0x6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a'],
  cisco_sb: ['hP3xQw8ZrL5tN2vB6yK9mC1dF4gJ7sA0eU3iO6pR8uT=', '$15$rKxg2R0NcIxyvLyE$kq8ZbV2mW7nP4sT1yU6xC3vB9nM5lK0jH8gF2dS4aQ1wE7rT6yU3iO9pL5kJ2hG==', '$15$Wm4nX8bZcQ2vR6tY$Pq2Wn6Lr0Ks4Jv8Hx3Gz7Fy1Dt5Cw9Bu3Ae7Yi1Ro5Mu9Np3Lq7Kr1Js5Ht9Gv3Fw==', '$15$Hj7kL2mN9pQ4rS1t$Vb3Nm8Kl2Jh7Gf4Ds1Aq9Wz6Xc3Vb8Nm2Kl7Jh4Gf1Ds9Aq6Wz3Xc8Vb2Nm7Kl==', 'Rk4vT8yB2nM6qW0z'],
  ruckus_fastiron: ['$1$eqT..TF2$8wgUTZgApU1cINrB7PbOg/', '$1$Ii...FS3$QEpMW9aEgfNBsKR7KYxNY0', '$1$TbX..hG4$0nYCHzzdNoYbqC2Dn8Wkz1', '$Zl5ucm5kQGIjMjA=', '$U2kyXj1kQm9zUS0=', '$Q2F0czFuUHJpdmF0ZQ=='],
  mellanox_onyx: ['$6$Jc3Kp0Xz$4rT8nQ2vW6yB1mL9sD3fH7kP0xZ5cV2bN8mQ4wE6rT1yU3iO5pA7sD9fG2hJ4kL6zX8cV0bN2mQ4wE6rT8yU0.', '$6$Pk7Lm2Nq$8yU6iO4pA2sD0fG8hJ6kL4zX2cV0bN8mQ6wE4rT2yU0iO8pA6sD4fG2hJ0kL8zX6cV4bN2mQ0wE8rT6yU4i.', 'onyxRd6t'],
  alliedtelesis_awplus: ['$1$bJoVec4D$JwOJGPr7YqoExA0GVasdE0', '$1$Kd2mTq9X$Pv4Lr8Ns2Wx6Yz0Bc3Df5.', '$1$Qz8vWx3N$Hn5Tr2Lk9Pm4Vc7Bx1Sd0/', 'VKTWUz1oXoDrqWhZHCsQeMPW5tMfM5fJ4vbdF0KGRKc=', 'awRead3m', 'Tm9yd2F5SXNDb2xkSW5XaW50ZXI='],
  tplink_jetstream: ['$1$G8H4K2M6P0R4T8V2X6Z0B4D8F2H6K0$', '1f4bd2a8c73e950b6d281fa4c3e7b90d', '$1$J5L9N3Q7S1U5W9Y3A7C1E5G9I3K7M1$', '6a3d9f1c8e2b5a7d0f4c6e8b1a3d5f7c', '4e8a2c6f0b3d7e1a5c9f2b4d6e8a0c1e', 'tpRead2q'],
  extreme_voss: ['********'],
  cisco_ftd: ['$sha512$5000$Wm9kQ3JhZnRlZFNhbHQ=$Rk1DR2VuZXJhdGVkRW5hYmxlSGFzaA=='],
  cisco_wlc: ['wlcRead8x'],
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

  it('covers every registered driver', () => {
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
