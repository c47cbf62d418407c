import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeDriver, summariseDriver } from '../../../src/devices/drivers/driver-description.js';
import { renderDriversMarkdown } from '../../../src/devices/drivers/drivers-markdown.js';
import { allDrivers, getDriver } from '../../../src/devices/drivers/registry.js';
import { lineRuleWords, secretRuleWords } from '../../../src/devices/drivers/rule-words.js';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/drivers.md');

describe('docs/drivers.md', () => {
  it('is what the registry generates (run `npm run docs:drivers` after changing a driver)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderDriversMarkdown(allDrivers()));
  });

  it('lists every driver once, with its configuration command', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const driver of allDrivers()) {
      expect(doc.split('\n').filter((l) => l === `## ${driver.name}`)).toHaveLength(1);
      expect(doc).toContain(`\`${summariseDriver(driver).configCommand.replaceAll('|', '\\|')}\``);
    }
  });
});

describe('driver rules in words', () => {
  it('line rules: anchors and plain text become words, anything else is shown as the expression', () => {
    expect(lineRuleWords(/^! Last configuration change at /)).toBe('lines starting with "! Last configuration change at "');
    expect(lineRuleWords(/ uptime is /)).toBe('lines containing " uptime is "');
    expect(lineRuleWords(/^Current configuration:$/)).toBe('lines reading "Current configuration:"');
    expect(lineRuleWords(/^Current configuration : \d+ bytes/)).toBe('lines starting with "Current configuration : N bytes"');
    expect(lineRuleWords(/^(?:Mon|Tue) \d+$/)).toBe('lines reading "Mon/Tue N"');
    expect(lineRuleWords(/^x(?=y)/)).toBe('lines matching `/^x(?=y)/`');
  });

  it('secret rules: the kept prefix is said, optional parts in brackets', () => {
    expect(secretRuleWords(/^(snmp-server community )(\S+)/m)).toBe('the value after "snmp-server community" at the start of a line');
    expect(secretRuleWords(/^(enable (?:secret|password)(?: level \d+)? )(\S+)/m)).toBe('the value after "enable secret/password [level N]" at the start of a line');
    expect(secretRuleWords(/()(\$9\$[^";\s]+)/)).toContain('the second group of');
  });

  it('a description names the commands sent, the volatile and secret rules and the detection evidence', () => {
    const { summary, sections } = describeDriver(getDriver('cisco_ios'));
    expect(summary).toMatchObject({ name: 'cisco_ios', configCommand: 'show running-config', needsEnable: true, mode: 'shell' });
    const text = sections.map((s) => `${s.heading}\n${s.items.join('\n')}`).join('\n');
    expect(text).toContain('"show running-config": the configuration');
    expect(text).toContain('dropped: lines starting with "! Last configuration change at "');
    expect(text).toContain('the value after "snmp-server community"');
    expect(text).toContain('probe "show version"');
    expect(summariseDriver(getDriver('mikrotik_routeros')).configCommand).toBe('/export terse show-sensitive (else /export terse)');
  });

  it('session words name the in-session login and the changing prompt parts where a driver has them', () => {
    const words = (name: string) => describeDriver(getDriver(name)).sections.find((s) => s.heading === 'Session')!.items.join('\n');
    expect(words('cisco_wlc')).toContain("the platform's own login inside the session: `/^User:$/` gets the credential's username");
    expect(words('extreme_exos')).toContain('prompt parts that change from command to command');
    expect(words('cisco_ios')).not.toContain('inside the session');
    expect(words('cisco_ios')).not.toContain('change from command to command');
  });
});
