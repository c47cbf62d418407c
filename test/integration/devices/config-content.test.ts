import { afterAll, describe, expect, it } from 'vitest';
import { VOLATILE_MARKER } from '../../../src/devices/content-rules.js';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';
import { loadTranscript, startSimulatedDevice } from '../../support/device-simulator/index.js';
import { fillPlaceholders } from '../../support/device-simulator/reply-render.js';
import { DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

/** Secrets in each driver's "volatile" transcript: none may survive redaction. */
const VARIANT_SECRETS: Record<string, string[]> = {
  cisco_ios: ['4rT6yU8iO0pA2sD4fG6hJ8kL0zX2cV4bN6mQ8wE0rT2', 'r0ut3r-RO', '045802150C2E1D1C5A', '121A0C0411045D5679'],
  cisco_nxos: ['Kx9Lm2Nb4Vc6Xz8Qw0Er2Ty4Ui6Op8As0Df2Gh4Jk6', 'lkvq7890', 'leaf-RO'],
  cisco_iosxr: ['Wn4Ez8Pk0Rt2Yu6Io8Pa0Sd2Fg4Hj6Kl8Zx0Cv2Bn4Mq6', '104D000A0618'],
  cisco_asa: ['Hj4k6l8z0x2c4v6b8n0m2Q==', 'Tac4csKey!', 'Br4nchPsk!', 'F41lover!'],
  arista_eos: ['Pq2Rs4Tu6Vw8Xy0Za2Bc4De6Fg8Hi0Jk2Lm4No6Pq8Rs0Tu2Vw4Xy6Za8Bc0De2Fg4Hi6Jk8Lm0', 'spine-RO', '0207165218120E'],
  juniper_junos: ['Vb7Nm5Lk3Jh1Gf9Ds7Aq5Wz3Xc1Vb9Nm7Lk5Jh3Gf1Ds9Aq7Wz5Xc3', '$9$Hk5FnCu1EhrevLxdb2aZGjiqf5Qn'],
  hp_procurve: ['2fd4e1c67a2d28fced849ee1bb76e7391b93eb12', 'idf2Comm', 'r4diusKey'],
  aruba_aoscx: ['AQBapZr4Nk8WqLm2Xc9Vb7Fd5Gh3Jk1', 'idf3Comm', 'AQBapR4d1usK3yC1ph3r=='],
  fortinet_fortios: ['SH2Yq8+', 'Zm9ydGlnYXRl', 'UHNrU2VjcmV0', 'MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI'],
  paloalto_panos: ['Pq0Lk9Mj8Nh7Bg6Vf5Cd4Xs3Za2Qw1Er0Ty9Ui8Op7', 'R3BQb3J0YWxLZXlFbmNyeXB0ZWRCeU1hc3RlcktleQ==', 'VG9EY1Bza0VuY3J5cHRlZA=='],
  mikrotik_routeros: ['Hq1psecPsk!', 'Rw4rr10r!'],
  broadcom_fastpath: ['fpRead7q', '7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b'],
  netgear_prosafe: ['ngRead5k', '8c2e4a6f0d1b3c5e7a9f2d4b6c8e0a1f'],
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
  vyos: ['Wx2Yz4Ab6Cd8Ef0Gh2Ij4Kl6Mn8Op0Qr2St4Uv6Wx8Yz0Ab2Cd4Ef6Gh8Ij0Kl2Mn4', 'S1t3ToS1t3!', 'edgeRO'],
};

describe('content rules through the real session', () => {
  const harness = new DeviceHarness();
  afterAll(() => harness.closeAll());

  for (const [driver, secrets] of Object.entries(VARIANT_SECRETS)) {
    it(`${driver}: redaction removes every secret of the volatile transcript, blocks included`, async () => {
      const dev = harness.add(await startSimulatedDevice({ driver, transcript: 'volatile', hostname: 'core-sw1', enableSecret: 'enable-pass' }));
      const plain = await fetchFrom(dev);
      const redacted = await fetchFrom(dev, { redactSecrets: true });
      for (const secret of secrets) {
        // FortiOS re-encrypts its secrets (ENC values, private keys) on every display: volatile, never stored at all.
        if (driver === 'fortinet_fortios') expect(plain.content).not.toContain(secret);
        else expect(plain.content).toContain(secret);
        expect(redacted.content).not.toContain(secret);
      }
      expect(redacted.content).toContain(REDACTION_MARKER);
    });
  }

  it('fortinet_fortios: no line of the re-encrypted private key is stored, and the stored text does not change with it', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'fortinet_fortios', transcript: 'volatile', hostname: 'core-sw1', changingTimestamp: true }));
    const show = loadTranscript('fortinet_fortios', 'volatile').replies.get('show')!.text;
    const keyLines = (retrieval: number) => {
      const text = fillPlaceholders(show, { hostname: 'core-sw1', username: 'admin', retrieval, changingTimestamp: true }).split('\n');
      return text.slice(text.findIndex((l) => l.includes('BEGIN ENCRYPTED PRIVATE KEY')) + 1, text.findIndex((l) => l.includes('END ENCRYPTED PRIVATE KEY')));
    };
    const first = await fetchFrom(dev);
    const second = await fetchFrom(dev, { redactSecrets: true });
    const third = await fetchFrom(dev);
    expect(keyLines(1)).not.toEqual(keyLines(2));
    for (const line of [...keyLines(1), ...keyLines(2), ...keyLines(3)]) {
      for (const result of [first, second, third]) expect(result.content).not.toContain(line);
    }
    expect(first.content).toBe(third.content);
    expect(first.content).toContain(`set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----\n${VOLATILE_MARKER}\n-----END ENCRYPTED PRIVATE KEY-----"`);
  });

  it('a VyOS account in bash: CONFIG_NOT_RECOGNISED naming the shell reply and the fix', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'vyos', transcript: 'bash-account', hostname: 'core-sw1' }));
    const err = await expectFailure(fetchFrom(dev));
    expect(err.code).toBe('CONFIG_NOT_RECOGNISED');
    expect(err.message).toContain('"-bash: show: command not found"');
    expect(err.message).toContain('login shell');
    expect(err.details).toMatchObject({ command: 'show configuration commands', driver: 'vyos' });
  });

  it('RouterOS 6 refuses "show-sensitive": the plain export (complete on v6) is stored', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'mikrotik_routeros', transcript: 'volatile', hostname: 'core-sw1' }));
    const result = await fetchFrom(dev);
    expect(result.metadata.commands).toEqual(['/system resource print without-paging', '/system routerboard print without-paging', '/export terse']);
    expect(result.content).toContain('secret=Hq1psecPsk!');
    expect(result.facts.osVersion).toBe('6.49.10');
  });
});
