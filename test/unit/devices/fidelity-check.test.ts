import { describe, expect, it } from 'vitest';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { loadTranscript } from '../../support/device-simulator/index.js';
import { fidelityProblems } from '../../support/fidelity.js';

/** The fidelity check itself must catch a lost, an invented and an undeclared changed line. */
describe('fidelity check', () => {
  const driver = getDriver('cisco_ios');
  const transcript = loadTranscript('cisco_ios');
  const commands = driver.commands.map((c) => c.command);
  const render = { hostname: 'core-sw1', username: 'admin', retrieval: 1, changingTimestamp: false };
  const stored = transcript.expected!;
  const lines = stored.split('\n');
  const at = lines.findIndex((l) => l.startsWith('interface '));
  const check = (text: string) => fidelityProblems(driver, transcript, text, commands, render);

  it('accepts the reviewed expected text', () => {
    expect(check(stored)).toEqual([]);
  });

  it('finds a lost line', () => {
    expect(check([...lines.slice(0, at), ...lines.slice(at + 1)].join('\n'))[0]).toContain(`printed line`);
  });

  it('finds an invented line', () => {
    expect(check([...lines.slice(0, at), 'ip route 0.0.0.0 0.0.0.0 192.0.2.1', ...lines.slice(at)].join('\n')).length).toBeGreaterThan(0);
  });

  it('finds a line changed without a declared rewrite', () => {
    expect(check(stored.replace(lines[at]!, `${lines[at]!} `)).length).toBeGreaterThan(0);
  });

  it('finds stored lines after the end of the printed output', () => {
    expect(check(`${stored}extra\n`).join('\n')).toContain('come from no printed line');
  });
});
