import { describe, expect, it } from 'vitest';
import { assembleConfiguration } from '../../../src/devices/assemble-configuration.js';
import type { CommandOutput } from '../../../src/devices/command-output.js';
import type { Driver } from '../../../src/devices/drivers/driver.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { isNetRavenError, type NetRavenError } from '../../../src/errors.js';

const LABEL = 'sw1 (10.0.0.1:22)';

function outputsOf(driver: Driver, texts: Record<string, string | { rejectedWith: string }>): CommandOutput[] {
  return driver.commands
    .filter((spec) => texts[spec.command] !== undefined)
    .map((spec) => {
      const text = texts[spec.command]!;
      return typeof text === 'string' ? { spec, command: spec.command, text } : { spec, command: spec.command, text: '', rejectedWith: text.rejectedWith };
    });
}

function refused(fn: () => unknown): NetRavenError {
  try {
    fn();
  } catch (err) {
    if (isNetRavenError(err)) return err;
    throw err;
  }
  throw new Error('expected CONFIG_NOT_RECOGNISED, nothing was thrown');
}

describe('assembleConfiguration', () => {
  const ios = getDriver('cisco_ios');

  it('comments info output, keeps configuration as is, in driver order', () => {
    const outputs = outputsOf(ios, { 'show version': 'Cisco IOS\n\nProcessor board ID X', 'show running-config': 'hostname a\nend' });
    const { content, facts, warnings } = assembleConfiguration(ios, outputs, { redact: false, label: LABEL });
    expect(content).toBe('! Cisco IOS\n!\n! Processor board ID X\nhostname a\nend\n');
    expect(facts).toMatchObject({ vendor: 'Cisco', serial: 'X' });
    expect(warnings).toEqual([]);
  });

  it('writes headings for drivers that concatenate files', () => {
    const linux = getDriver('linux');
    const { content } = assembleConfiguration(linux, outputsOf(linux, { 'cat /etc/hosts': '127.0.0.1 localhost' }), { redact: false, label: LABEL });
    expect(content).toBe('# ==> /etc/hosts <==\n127.0.0.1 localhost\n');
  });

  it('redacts only when asked', () => {
    // assembleConfiguration consumes its outputs' texts: each call gets its own.
    const outputs = () => outputsOf(ios, { 'show running-config': 'snmp-server community s3cret RO\nend' });
    expect(assembleConfiguration(ios, outputs(), { redact: false, label: LABEL }).content).toContain('s3cret');
    expect(assembleConfiguration(ios, outputs(), { redact: true, label: LABEL }).content).not.toContain('s3cret');
  });

  it('a rejected info command becomes a warning; the configuration is still assembled', () => {
    const outputs = outputsOf(ios, { 'show version': { rejectedWith: "% Invalid input detected at '^' marker." }, 'show running-config': 'hostname a\nend' });
    const { content, facts, warnings } = assembleConfiguration(ios, outputs, { redact: false, label: LABEL });
    expect(content).toBe('hostname a\nend\n');
    expect(facts).toEqual({ vendor: 'Cisco' });
    expect(warnings).toEqual([{ code: 'INFO_COMMAND_REJECTED', command: 'show version', message: expect.stringContaining('"show version"') }]);
  });

  it('the Junos shell reply "show: Command not found." is refused as CONFIG_NOT_RECOGNISED, naming what was expected', () => {
    const junos = getDriver('juniper_junos');
    const err = refused(() => assembleConfiguration(junos, outputsOf(junos, { 'show configuration | display omit': 'show: Command not found.' }), { redact: false, label: LABEL }));
    expect(err.code).toBe('CONFIG_NOT_RECOGNISED');
    expect(err.message).toContain('"show configuration | display omit"');
    expect(err.message).toContain('"version" statement');
    expect(err.message).toContain('starts with "show: Command not found."');
    expect(err.message).toContain('previous version stays the latest');
  });

  it('empty output and a configuration cut off before its marker are refused', () => {
    expect(refused(() => assembleConfiguration(ios, outputsOf(ios, { 'show running-config': '' }), { redact: false, label: LABEL })).message).toContain('the output was empty');
    const cut = 'Building configuration...\n\nCurrent configuration : 4211 bytes\n!\nhostname a\ninterface Gi1/0/1\n description half';
    expect(refused(() => assembleConfiguration(ios, outputsOf(ios, { 'show running-config': cut }), { redact: false, label: LABEL })).message).toContain('no final "end" line');
  });

  it('a block that never ends is refused with its name and line', () => {
    const text = 'hostname a\nbanner motd ^C\nwelcome\nend';
    const err = refused(() => assembleConfiguration(ios, outputsOf(ios, { 'show running-config': text }), { redact: false, label: LABEL }));
    expect(err.code).toBe('CONFIG_NOT_RECOGNISED');
    expect(err.message).toContain('banner starting at line 2 never ends');
  });

  it('the first line quoted in the error never carries a secret', () => {
    const err = refused(() => assembleConfiguration(ios, outputsOf(ios, { 'show running-config': 'snmp-server community s3cret RO' }), { redact: false, label: LABEL }));
    expect(err.message).not.toContain('s3cret');
  });

  it('hidden Junos secrets are stored with a CONFIG_INCOMPLETE warning', () => {
    const junos = getDriver('juniper_junos');
    const text = 'version 21.4R3;\nsystem {\n    root-authentication {\n        encrypted-password /* SECRET-DATA */; ## SECRET-DATA\n    }\n}';
    const { content, warnings } = assembleConfiguration(junos, outputsOf(junos, { 'show configuration | display omit': text }), { redact: false, label: LABEL });
    expect(content).toBe(`${text}\n`);
    expect(warnings).toEqual([{ code: 'CONFIG_INCOMPLETE', command: 'show configuration | display omit', message: expect.stringContaining('"secret"') }]);
  });
});
