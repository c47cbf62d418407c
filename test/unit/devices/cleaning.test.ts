import { describe, expect, it } from 'vitest';
import { cleanCommandOutput, stripEcho, stripTrailingPrompt } from '../../../src/devices/cleaning.js';
import { applyContentRules, compileContentRules } from '../../../src/devices/content-rules.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { pagerRemover } from '../../../src/devices/pager.js';

const remover = pagerRemover();

/** The driver's content rules without redaction, as the session applies them after cleaning. */
function dropVolatile(text: string, driver: string): string {
  return applyContentRules(text, compileContentRules(getDriver(driver)), { redact: false, isConfig: false }).text;
}

describe('echo and prompt stripping', () => {
  it('drops the echoed command line', () => {
    expect(stripEcho('show version\nCisco IOS\n', 'show version')).toBe('Cisco IOS\n');
    expect(stripEcho('core-sw1#show version\nCisco IOS', 'show version')).toBe('Cisco IOS');
  });
  it('keeps the first line when it is not the echo', () => {
    expect(stripEcho('Cisco IOS\nmore', 'show version')).toBe('Cisco IOS\nmore');
  });
  it('drops the trailing prompt only when the text ends with it', () => {
    expect(stripTrailingPrompt('end\ncore-sw1#', 'core-sw1#')).toBe('end');
    expect(stripTrailingPrompt(' description to core-sw1#\nend', 'core-sw1#')).toBe(' description to core-sw1#\nend');
  });
  it('the content rules trim blank lines at both ends only', () => {
    expect(dropVolatile('\n\n a\n\n b\n  \n', 'linux')).toBe(' a\n\n b');
  });
});

describe('volatile lines per driver', () => {
  const cases: [string, string, string][] = [
    ['cisco_ios', '! Last configuration change at 10:00:01 UTC Tue Mar 5 2024 by netops', '! Last configuration change'],
    ['cisco_ios', '! NVRAM config last updated at 10:00:01 UTC Tue Mar 5 2024', 'NVRAM'],
    ['cisco_ios', 'ntp clock-period 36028797018963968', 'ntp clock-period'],
    ['cisco_ios', 'Current configuration : 4211 bytes', 'Current configuration'],
    ['cisco_ios', 'core-sw1 uptime is 1 week, 2 days', 'uptime is'],
    ['cisco_ios', 'System restarted at 09:12:01 UTC Mon Jan 8 2024', 'System restarted'],
    ['cisco_ios', 'Last reload reason: Reload Command', 'Last reload reason'],
    ['cisco_nxos', '!Running configuration last done at: Tue Mar  5 10:00:00 2024', 'last done'],
    ['cisco_nxos', '!No configuration change since last restart', 'No configuration change'],
    ['cisco_nxos', '  System version: 9.3(11)', 'System version'],
    ['cisco_asa', 'Configuration has not been modified since last system restart.', 'not been modified'],
    ['cisco_asa', ': Written by netops at 10:00:00.512 UTC Tue Mar 5 2024', 'Written by'],
    ['fortinet_fortios', 'Virus-DB: 92.02145(2024-03-05 07:32)', 'Virus-DB'],
    ['fortinet_fortios', 'IPS Malicious URL Database: 5.00012(2024-03-05 03:19)', 'Malicious URL'],
    ['fortinet_fortios', 'Last reboot reason: warm reboot', 'reboot reason'],
    ['cisco_nxos', '!Time: Tue Mar  5 10:00:00 2024', '!Time'],
    ['cisco_iosxr', 'Tue Mar  5 10:00:00.123 UTC', 'Tue Mar'],
    ['cisco_asa', 'Cryptochecksum:6a1f0e2c3b4d5e6f', 'Cryptochecksum'],
    ['arista_eos', '! Time: Tue Mar  5 10:00:00 2024', '! Time'],
    ['juniper_junos', '## Last commit: 2024-03-05 10:00:00 UTC by netops', 'Last commit'],
    ['juniper_junos', '{master:0}', 'master'],
    ['fortinet_fortios', '#conf_file_ver=82113356', 'conf_file_ver'],
    ['paloalto_panos', 'uptime: 41 days, 3:07:12', 'uptime'],
    ['mikrotik_routeros', '# jan/02/2024 12:00:00 by RouterOS 6.49.10', 'RouterOS'],
    ['mikrotik_routeros', '# 2024-03-05 10:00:00 by RouterOS 7.12.1', 'RouterOS'],
  ];
  for (const [driver, line, marker] of cases) {
    it(`${driver} drops "${marker}"`, () => {
      expect(dropVolatile(`keep me\n${line}\nkeep too`, driver)).toBe('keep me\nkeep too');
    });
  }
  it('fortinet_fortios replaces re-encrypted ENC blobs by a stable marker', () => {
    const a = dropVolatile('    set password ENC SH2nX8+7vbQ2fK7d1pZ0a9kL5mN3oP4q=', 'fortinet_fortios');
    const b = dropVolatile('    set password ENC SH2nX8+9vbQ2fK7d1pZ0a9kL5mN3oP4q=', 'fortinet_fortios');
    expect(a).toBe('    set password ENC <encrypted>');
    expect(a).toBe(b);
  });

  it('cisco_asa normalises a time-based licence countdown, not the feature', () => {
    expect(dropVolatile('Botnet Traffic Filter             : Enabled        39 days', 'cisco_asa')).toBe('Botnet Traffic Filter             : Enabled        <days>');
    expect(dropVolatile('Maximum VLANs                     : 150            perpetual', 'cisco_asa')).toBe('Maximum VLANs                     : 150            perpetual');
  });
});

describe('cleanCommandOutput', () => {
  const ios = getDriver('cisco_ios');
  const rules = { command: 'show running-config', prompt: 'core-sw1#', pagerRemover: remover };

  it('runs the whole pipeline: echo, ANSI, pager, prompt, then the content rules drop volatile lines', () => {
    const raw =
      'show running-config\r\nBuilding configuration...\r\n\r\n\x1b[1mhostname core-sw1\x1b[0m\r\n' +
      ' --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\binterface Gi1/0/1\r\n description uplink to router#\r\nend\r\n\x1b[1mcore-sw1#\x1b[0m';
    const clean = cleanCommandOutput(raw, rules);
    expect(clean).toBe('Building configuration...\n\nhostname core-sw1\ninterface Gi1/0/1\n description uplink to router#\nend');
    expect(applyContentRules(clean, compileContentRules(ios), { redact: false, isConfig: true })).toEqual({
      text: 'hostname core-sw1\ninterface Gi1/0/1\n description uplink to router#\nend',
      markerSeen: true,
      unterminated: null,
      incomplete: [],
    });
  });

  it('removes pager prompts that were never erased', () => {
    for (const pager of [' --More-- ', '-- More --', '<--- More --->', '---(more)---', '---(more 42%)---', 'Press any key to continue', '-- MORE --, next page: Space, next line: Enter, quit: Control-C']) {
      const raw = `show running-config\nline one\n${pager}line two\nend\ncore-sw1#`;
      expect(cleanCommandOutput(raw, rules)).toBe('line one\nline two\nend');
    }
  });

  it('keeps a line that merely mentions More in the middle', () => {
    const raw = 'show running-config\n description see --More-- docs\ncore-sw1#';
    expect(cleanCommandOutput(raw, rules)).toBe(' description see --More-- docs');
  });
});
