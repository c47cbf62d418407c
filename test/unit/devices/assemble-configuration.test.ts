import { describe, expect, it } from 'vitest';
import { assembleContent, assertAccepted } from '../../../src/devices/assemble-configuration.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { isNetRavenError } from '../../../src/errors.js';

describe('assembleContent', () => {
  it('comments info output, keeps configuration as is, in driver order', () => {
    const driver = getDriver('cisco_ios');
    const content = assembleContent(
      driver,
      [
        { command: 'show running-config', text: 'hostname a\nend' },
        { command: 'show version', text: 'Cisco IOS\n\nProcessor board ID X' },
      ],
      false,
    );
    expect(content).toBe('! Cisco IOS\n!\n! Processor board ID X\nhostname a\nend\n');
  });

  it('writes headings for drivers that concatenate files', () => {
    const driver = getDriver('linux');
    const content = assembleContent(driver, [{ command: 'cat /etc/hosts', text: '127.0.0.1 localhost' }], false);
    expect(content).toBe('# ==> /etc/hosts <==\n127.0.0.1 localhost\n');
  });

  it('redacts only when asked', () => {
    const driver = getDriver('cisco_ios');
    const outputs = [{ command: 'show running-config', text: 'snmp-server community s3cret RO' }];
    expect(assembleContent(driver, outputs, false)).toContain('s3cret');
    expect(assembleContent(driver, outputs, true)).not.toContain('s3cret');
  });
});

describe('assertAccepted', () => {
  const driver = getDriver('cisco_ios');
  it('throws COMMAND_REJECTED naming the command for an error reply', () => {
    try {
      assertAccepted(driver, { command: 'show runn', text: "          ^\n% Invalid input detected at '^' marker." }, 'sw1 (10.0.0.1:22)');
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(isNetRavenError(err, 'COMMAND_REJECTED')).toBe(true);
      expect((err as Error).message).toContain('"show runn"');
    }
  });
  it('only scans the head of the output, so a banner deep in a config cannot trip it', () => {
    const text = `${'interface x\n'.repeat(20)}banner motd ^\n% Invalid input detected is just text here\n^`;
    expect(() => assertAccepted(driver, { command: 'show running-config', text }, 'sw1')).not.toThrow();
  });
});
