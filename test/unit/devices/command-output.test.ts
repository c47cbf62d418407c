import { describe, expect, it } from 'vitest';
import { findRejection, runDriverCommand, type CommandRun } from '../../../src/devices/command-output.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { isNetRavenError } from '../../../src/errors.js';

/** A device that answers each command from a table and records what was sent. */
function device(replies: Record<string, string | CommandRun>) {
  const sent: string[] = [];
  const execute = async (command: string): Promise<CommandRun> => {
    sent.push(command);
    const reply = replies[command] ?? '';
    return typeof reply === 'string' ? { command, text: reply } : reply;
  };
  return { sent, execute };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    if (isNetRavenError(err)) return err;
    throw err;
  }
  throw new Error('expected a NetRavenError');
}

const IOS_ERROR = "                    ^\n% Invalid input detected at '^' marker.";

describe('findRejection', () => {
  it('finds the driver error patterns and shell errors in the first lines only', () => {
    const ios = getDriver('cisco_ios');
    expect(findRejection(ios, IOS_ERROR)).toEqual({ reply: "% Invalid input detected at '^' marker.", shell: false });
    expect(findRejection(getDriver('juniper_junos'), '\nshow: Command not found.')).toEqual({ reply: 'show: Command not found.', shell: true });
    expect(findRejection(getDriver('vyos'), '-bash: show: command not found')).toEqual({ reply: '-bash: show: command not found', shell: true });
    expect(findRejection(getDriver('arista_eos'), 'bash: line 1: show: command not found')?.shell).toBe(true);
    const deep = `${'interface x\n'.repeat(20)}banner motd ^\n% Invalid input detected is just text here\n^`;
    expect(findRejection(ios, deep)).toBeNull();
  });
});

describe('runDriverCommand', () => {
  const ios = getDriver('cisco_ios');
  const info = ios.commands.find((c) => c.role === 'info')!;
  const config = ios.commands.find((c) => c.role === 'config')!;

  it('returns an accepted output', async () => {
    const dev = device({ 'show running-config': 'hostname a\nend' });
    expect(await runDriverCommand(ios, config, 'sw1', dev.execute)).toEqual({ spec: config, command: 'show running-config', text: 'hostname a\nend' });
  });

  it('a rejected info command is returned with its reply, not thrown', async () => {
    const dev = device({ 'show version': IOS_ERROR });
    expect(await runDriverCommand(ios, info, 'sw1', dev.execute)).toEqual({ spec: info, command: 'show version', text: '', rejectedWith: "% Invalid input detected at '^' marker." });
  });

  it('a rejected configuration command is COMMAND_REJECTED', async () => {
    const err = await failure(runDriverCommand(ios, config, 'sw1', device({ 'show running-config': IOS_ERROR }).execute));
    expect(err.code).toBe('COMMAND_REJECTED');
    expect(err.message).toContain('"show running-config"');
  });

  it('a system shell answering the configuration command is CONFIG_NOT_RECOGNISED', async () => {
    const junos = getDriver('juniper_junos');
    const spec = junos.commands.find((c) => c.role === 'config')!;
    const dev = device({ 'show configuration | display omit': 'show: Command not found.', 'show configuration': 'show: Command not found.' });
    const err = await failure(runDriverCommand(junos, spec, 'mx1', dev.execute));
    expect(err.code).toBe('CONFIG_NOT_RECOGNISED');
    expect(err.message).toContain('system shell');
    expect(dev.sent).toEqual(['show configuration | display omit', 'show configuration']);
  });

  it('falls back while the device rejects, and stops at the first accepted command', async () => {
    const ros = getDriver('mikrotik_routeros');
    const spec = ros.commands.find((c) => c.role === 'config')!;
    const dev = device({ '/export terse show-sensitive': 'expected end of command (line 1 column 15)', '/export terse': '# mar/05/2024 10:00:00 by RouterOS 6.49.10' });
    const output = await runDriverCommand(ros, spec, 'r1', dev.execute);
    expect(output).toMatchObject({ command: '/export terse', text: '# mar/05/2024 10:00:00 by RouterOS 6.49.10' });
    expect(dev.sent).toEqual(['/export terse show-sensitive', '/export terse']);
  });

  it('over exec, a non-zero exit status is a rejection even without an error line', async () => {
    const linux = getDriver('linux');
    const spec = linux.commands.find((c) => c.role === 'config')!;
    const err = await failure(runDriverCommand(linux, spec, 'h1', device({ [spec.command]: { command: spec.command, text: '', exitCode: 2 } }).execute));
    expect(err.code).toBe('COMMAND_REJECTED');
    expect(err.message).toContain('exit status 2');
  });
});
