import { describe, expect, it } from 'vitest';
import { getDriver, listDrivers } from '../../../src/devices/drivers/registry.js';
import { isNetRavenError } from '../../../src/errors.js';
import { fixtureDir, loadTranscript } from '../../support/device-simulator/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PROMPTS: Record<string, { ok: string[]; not: string[] }> = {
  cisco_ios: { ok: ['core-sw1#', 'core-sw1>', 'rtr.lab-1#', 'core-sw1(config-if-range)#', 'a-63-character-host-name-0123456789-abcdefghijklmnopqrstuvwxyz-x>'], not: ['description to router# now', '% Invalid input', '', 'core sw1#'] },
  cisco_nxos: { ok: ['nx1#', 'nx1(maint-mode)#', 'nx1(config-if)#'], not: ['!Command: show running-config'] },
  cisco_iosxr: { ok: ['RP/0/RSP0/CPU0:xr1#', 'xr1#', 'RP/0/RP0/CPU0:xr1(config-if)#'], not: ['Tue Mar  5 10:00:00.123 UTC'] },
  cisco_asa: { ok: ['asa#', 'asa>', 'asa/admin#', 'asa/admin/pri/act(config)#'], not: [': end'] },
  arista_eos: { ok: ['leaf1#', 'leaf1>', 'leaf1(config)#', 'leaf1(s1)(config-s-s1)#'], not: ['! device: leaf1'] },
  juniper_junos: { ok: ['netops@mx1>', 'netops@mx1#', 'root>', 'netops.backup_01@mx1.example.net>'], not: ['{master:0}', 'host-name mx1;', 'root@mx1%', 'root@mx1:~ #'] },
  hp_procurve: { ok: ['HP-2530-24G#', 'HP-2530-24G>', 'ProCurve Switch 2610-24#', 'ProCurve Switch 2610-24(config)#', 'Core Sw(vlan-10)#'], not: ['Press any key to continue', ' leading-space#'] },
  aruba_aoscx: { ok: ['sw6300#', 'sw6300>', 'sw6300(config-if)#'], not: ['Current configuration:'] },
  fortinet_fortios: { ok: ['FGT60E #', 'FGT60E (console) #', 'FGT60E $', 'FGT-very-long-name~ #'], not: ['config system console'] },
  paloalto_panos: { ok: ['admin@PA-220>', 'admin@PA-220(active)>', 'admin@PA-220#', 'ops.admin@example@PA-220(active-primary)>'], not: ['hostname: PA-220'] },
  mikrotik_routeros: { ok: ['[admin@MikroTik] >', '[admin@hAP ac2] /ip address>', '[admin@MikroTik] <SAFE>', '[admin@Core Router (Site 7) #2] >'], not: ['# software id = AB12'] },
  vyos: { ok: ['vyos@vyos:~$', 'vyos@vyos:~#', 'vyos@vyos#', 'ubnt@edge-rtr:/config$'], not: ["set system host-name 'vyos'"] },
  linux: { ok: ['root@host:~#'], not: ['PRETTY_NAME="Debian"'] },
};

// Drivers added since (issue 13) keep their prompt samples next to their transcripts (prompts.json).
for (const name of listDrivers()) {
  if (PROMPTS[name] === undefined) PROMPTS[name] = JSON.parse(readFileSync(join(fixtureDir(name), 'prompts.json'), 'utf8')) as { ok: string[]; not: string[] };
}

describe('driver registry', () => {
  it('has prompt samples for every registered platform', () => {
    expect(listDrivers()).toEqual(Object.keys(PROMPTS).sort());
  });

  it('throws DRIVER_UNKNOWN listing the known names', () => {
    try {
      getDriver('cisco_xyz');
      expect.unreachable('getDriver should have thrown');
    } catch (err) {
      expect(isNetRavenError(err, 'DRIVER_UNKNOWN')).toBe(true);
      expect((err as Error).message).toContain('cisco_ios');
      expect((err as Error).message).toContain('vyos');
    }
  });

  for (const name of Object.keys(PROMPTS)) {
    it(`${name}: prompt pattern, commands and patterns are sane`, () => {
      const driver = getDriver(name);
      expect(driver.name).toBe(name);
      for (const prompt of PROMPTS[name]!.ok) expect(driver.promptPattern.test(prompt)).toBe(true);
      for (const line of PROMPTS[name]!.not) expect(driver.promptPattern.test(line)).toBe(false);
      expect(driver.commands.some((c) => c.role === 'config')).toBe(true);
      expect(driver.errorPatterns.length).toBeGreaterThan(0);
      expect(driver.facts.length).toBeGreaterThan(0);
      for (const fact of driver.facts) expect(driver.commands.map((c) => c.command)).toContain(fact.command);
      // Login answers are keys or short lines, never anything resembling a credential.
      for (const answer of driver.loginAnswers ?? []) expect(answer.reply).toMatch(/^[ a-z]\n?$/);
      // Redaction relies on exactly two capture groups: kept prefix, then the secret.
      for (const pattern of driver.secretPatterns) expect(new RegExp(`${pattern.source}|`).exec('')!.length).toBe(3);
    });
  }
});

describe('content rules of every driver', () => {
  for (const name of Object.keys(PROMPTS)) {
    it(`${name}: the marker is in its configuration, errors are not, blocks can find their end`, () => {
      const driver = getDriver(name);
      const transcript = loadTranscript(name);
      const config = transcript.replies.get(transcript.configCommand)!.text.split('\n');
      expect(config.some((line) => driver.configShape.marker.test(line))).toBe(true);
      expect(driver.configShape.description.length).toBeGreaterThan(0);
      for (const line of config.slice(0, 10)) {
        expect(driver.errorPatterns.some((p) => p.test(line))).toBe(false);
        expect(driver.shellErrors.some((p) => p.test(line))).toBe(false);
      }
      for (const block of driver.blocks ?? []) {
        // An end built from the start match needs the delimiter as capture group 1.
        if (typeof block.end === 'function') expect(new RegExp(`${block.start.source}|`).exec('')!.length).toBeGreaterThan(1);
      }
    });
  }
});
