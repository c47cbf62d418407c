import { describe, expect, it } from 'vitest';
import { parseFacts } from '../../../src/devices/assemble-configuration.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { loadTranscript } from '../../support/device-simulator/index.js';

const EXPECTED: Record<string, { model?: string; osVersion: string; serial?: string }> = {
  cisco_ios: { model: 'C9300-48P', osVersion: '17.09.04a', serial: 'FCW2233L0AB' },
  cisco_nxos: { model: 'Nexus9000 C93180YC-FX', osVersion: '9.3(12)', serial: 'FDO23110XYZ' },
  cisco_iosxr: { model: 'ASR9K Series', osVersion: '7.5.2', serial: 'FOX1844G1AB' },
  cisco_asa: { model: 'ASA5516', osVersion: '9.16(4)', serial: 'JAD21340ABC' },
  arista_eos: { model: 'DCS-7050TX-64-R', osVersion: '4.28.3M', serial: 'JPE16123456' },
  juniper_junos: { model: 'mx204', osVersion: '21.4R3-S5.4', serial: 'JN12AB34CDEF' },
  hp_procurve: { model: 'J9776A', osVersion: 'YA.16.10.0009', serial: 'CN12FP3456' },
  aruba_aoscx: { model: 'JL658A 6300M 24SFP+ 4SFP56 Swch', osVersion: 'FL.10.11.1010', serial: 'SG12KMX345' },
  fortinet_fortios: { model: 'FortiGate-60E', osVersion: 'v7.2.8,build1639', serial: 'FGT60ETK19001234' },
  paloalto_panos: { model: 'PA-220', osVersion: '10.2.9-h1', serial: '012801234567' },
  mikrotik_routeros: { model: 'RBD52G-5HacD2HnD', osVersion: '7.12.1', serial: 'D5F60A1B2C3D' },
  vyos: { model: 'Standard PC (i440FX + PIIX, 1996)', osVersion: '1.3.4', serial: 'VM-0031-ABCD' },
  linux: { model: 'x86_64', osVersion: 'Debian GNU/Linux 12 (bookworm)' },
};

describe('fact parsing from each transcript', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: model, OS version and serial`, () => {
      const driver = getDriver(name);
      const transcript = loadTranscript(name);
      const outputs = driver.commands.map((spec) => ({ spec, text: transcript.replies.get(spec.command)?.text ?? '' }));
      expect(parseFacts(driver, outputs)).toEqual({ vendor: driver.vendor, ...expected });
    });
  }

  it('returns only the vendor when the output is garbage', () => {
    const driver = getDriver('cisco_ios');
    const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131) % 256)).toString('latin1');
    expect(parseFacts(driver, [{ spec: { command: 'show version', role: 'info' }, text: garbage }])).toEqual({ vendor: 'Cisco' });
  });

  it('caps an absurdly long fact value', () => {
    const driver = getDriver('cisco_asa');
    const text = `Serial Number: ${'A'.repeat(200_000)}`;
    expect(parseFacts(driver, [{ spec: { command: 'show version', role: 'info' }, text }]).serial).toHaveLength(200);
  });
});
