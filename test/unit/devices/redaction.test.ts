import { describe, expect, it } from 'vitest';
import { applyContentRules, compileContentRules } from '../../../src/devices/content-rules.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';

/** The driver's content rules with redaction on, as the session applies them to an output. */
function redactSecrets(text: string, driver: string): string {
  return applyContentRules(text, compileContentRules(getDriver(driver)), { redact: true, isConfig: false }).text;
}

const M = REDACTION_MARKER;
const cases: [string, string, string][] = [
  ['cisco_ios', 'enable secret 9 $9$abcDEF', `enable secret 9 ${M}`],
  ['cisco_ios', 'username bob privilege 15 secret 5 $1$xyz', `username bob privilege 15 secret 5 ${M}`],
  ['cisco_ios', 'snmp-server community s3cret RO 10', `snmp-server community ${M} RO 10`],
  ['cisco_ios', 'tacacs-server host 10.0.0.1 key 7 0822455D', `tacacs-server host 10.0.0.1 key 7 ${M}`],
  ['cisco_ios', 'crypto isakmp key pskValue address 1.2.3.4', `crypto isakmp key ${M} address 1.2.3.4`],
  ['cisco_ios', ' password 7 094F471A1A0A', ` password 7 ${M}`],
  ['cisco_nxos', 'username admin password 5 $5$abc  role network-admin', `username admin password 5 ${M}  role network-admin`],
  ['cisco_asa', ' ikev1 pre-shared-key l2lSecret!', ` ikev1 pre-shared-key ${M}`],
  ['arista_eos', 'username admin secret sha512 $6$abc', `username admin secret sha512 ${M}`],
  ['juniper_junos', '    encrypted-password "$6$abc"; ## SECRET-DATA', `    encrypted-password "${M}"; ## SECRET-DATA`],
  ['juniper_junos', '    10.0.0.49 secret "$9$mT3nApu1"; ## SECRET-DATA', `    10.0.0.49 secret "${M}"; ## SECRET-DATA`],
  ['hp_procurve', 'snmp-server community "public" operator', `snmp-server community "${M}" operator`],
  ['aruba_aoscx', 'user admin group administrators password ciphertext AQBap', `user admin group administrators password ciphertext ${M}`],
  ['fortinet_fortios', '        set psksecret ENC abcdef==', `        set psksecret ${M}`],
  ['paloalto_panos', '        <phash>$5$abc</phash>', `        <phash>${M}</phash>`],
  ['paloalto_panos', '                  <key>-AQ==Qm9n</key>', `                  <key>${M}</key>`],
  ['cisco_iosxr', ' password encrypted 0822455D0A16', ` password encrypted ${M}`],
  ['cisco_asa', 'failover key f41l0v3r', `failover key ${M}`],
  ['juniper_junos', '    pre-shared-key ascii-text "$9$abc"; ## SECRET-DATA', `    pre-shared-key ascii-text "${M}"; ## SECRET-DATA`],
  ['juniper_junos', '    hmac-key "0xabcdef"; ## SECRET-DATA', `    hmac-key "${M}"; ## SECRET-DATA`],
  ['mikrotik_routeros', '/user add name=a group=full password=p4ss', `/user add name=a group=full password=${M}`],
  ['mikrotik_routeros', '/ppp secret add name=b password="with space" service=pptp', `/ppp secret add name=b password=${M} service=pptp`],
  ['vyos', "set system login user vyos authentication encrypted-password '$6$x'", `set system login user vyos authentication encrypted-password ${M}`],
  ['linux', 'password = hunter2', `password = ${M}`],
];

describe('redaction per driver', () => {
  for (const [driver, line, expected] of cases) {
    it(`${driver}: ${line.trim().slice(0, 40)}`, () => {
      expect(redactSecrets(`keep\n${line}\nkeep`, driver)).toBe(`keep\n${expected}\nkeep`);
    });
  }

  it('redacts every occurrence, not only the first', () => {
    const text = 'snmp-server community one RO\nsnmp-server community two RW';
    expect(redactSecrets(text, 'cisco_ios')).toBe(`snmp-server community ${M} RO\nsnmp-server community ${M} RW`);
  });

  it('leaves non-secret lines alone', () => {
    const text = 'hostname core-sw1\ninterface Gi1/0/1\n description key chain docs';
    expect(redactSecrets(text, 'cisco_ios')).toBe(text);
  });

  it('redacts a Junos $9$ secret wherever it appears', () => {
    expect(redactSecrets('    md5 1 key "$9$Hk.fQ3n";', 'juniper_junos')).not.toContain('$9$Hk');
  });
});
