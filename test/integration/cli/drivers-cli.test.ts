import { describe, expect, it } from 'vitest';
import { listDrivers } from '../../../src/devices/drivers/registry.js';
import { runCli } from '../../support/cli.js';

/** `netraven drivers list|show` needs no database: it describes the registry. */
describe('netraven drivers (real CLI)', () => {
  it('drivers list shows every platform with its configuration command and enable need', async () => {
    const result = await runCli(['drivers', 'list']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +VENDOR +PLATFORM +CONFIG COMMAND +ENABLE$/);
    expect(lines.slice(1, -1).map((l) => l.split(/ +/)[0])).toEqual(listDrivers());
    expect(result.stdout).toMatch(/^cisco_ios +Cisco +Cisco IOS and IOS-XE .* show running-config +yes$/m);
    expect(result.stdout).toMatch(/^checkpoint_gaia +Check Point .* show configuration +no$/m);
    expect(lines.at(-1)).toBe(`${listDrivers().length} drivers; a device may also use "auto" (detected at its first retrieval)`);
  });

  it('drivers list --json gives name, vendor, description, config command and enable for each', async () => {
    const result = await runCli(['drivers', 'list', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.name)).toEqual(listDrivers());
    expect(rows.find((r) => r.name === 'f5_tmsh')).toEqual({
      name: 'f5_tmsh',
      vendor: 'F5',
      description: expect.stringContaining('BIG-IP'),
      configCommand: 'show running-config (else tmsh -q show running-config)',
      needsEnable: false,
      mode: 'exec',
    });
  });

  it('drivers show NAME lists the commands sent, the volatile and secret rules in words and the detection evidence', async () => {
    const result = await runCli(['drivers', 'show', 'citrix_adc']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('citrix_adc: Citrix, Citrix ADC / NetScaler');
    expect(result.stdout).toContain('Commands sent:\n  - "show ns version": information');
    expect(result.stdout).toContain('  - "show ns runningConfig": the configuration');
    expect(result.stdout).toContain('after login: "set cli mode -page OFF"');
    expect(result.stdout).toContain('dropped: lines starting with "# Last modified by `save config`, "');
    expect(result.stdout).toContain('the value after "add snmp community" at the start of a line');
    expect(result.stdout).toContain('probe "show ns version"');
  });

  it('drivers show with an unknown name is DRIVER_UNKNOWN listing the known drivers', async () => {
    const result = await runCli(['drivers', 'show', 'cisco_xyz']);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('DRIVER_UNKNOWN');
    expect(result.stderr).toContain('cisco_ios');
  });
});
