import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir } from '../../support/keyring.js';
import { closedPort } from '../../support/ports.js';

const SECRET = 'hunter2-Secret';

/** Every command that runs an action (leaves of the tree), as argv words with its required arguments and options filled in. */
function leafCommands(command: Command, prefix: string[] = []): string[][] {
  const children = command.commands.filter((c) => c.name() !== 'help');
  if (children.length > 0) return children.flatMap((child) => leafCommands(child, [...prefix, child.name()]));
  const required = command.registeredArguments.filter((a) => a.required).map(() => 'x');
  const mandatory = command.options.filter((o) => o.mandatory).flatMap((o) => [o.long!, 'x']);
  return [[...prefix, ...required, ...mandatory]];
}

describe('smaller faults', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-small-');
  const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') } });

  beforeAll(async () => {
    expect((await cli(['db', 'init'])).code).toBe(0);
  });

  it('an IPv6 address and its port print as [address]:port: devices add, devices list, job log and error', async () => {
    const port = await closedPort();
    const added = await cli(['devices', 'add', 'v6-edge', '--ip', '::1', '--port', String(port), '--type', 'cisco_ios', '--tag', 'v6']);
    expect(added.stdout).toBe(`added v6-edge (cisco_ios at [::1]:${port}, tags: v6)\n`);
    expect((await cli(['devices', 'add', 'v4-edge', '--ip', '192.0.2.4', '--type', 'cisco_ios'])).stdout).toContain('at 192.0.2.4:22,');
    const list = await cli(['devices', 'list']);
    expect(list.stdout).toMatch(new RegExp(`^v6-edge +\\[::1\\]:${port} `, 'm'));
    expect(list.stdout).toMatch(/^v4-edge +192\.0\.2\.4:22 /m);

    const credential = await runCli(['credentials', 'add', '--name', 'lab', '--username', 'admin', '--tag', 'v6'], { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') }, input: 'pw\n' });
    expect(credential.code, credential.stderr).toBe(0);
    const run = await cli(['retrieve', '--device', 'v6-edge', '--json']);
    expect(run.code).toBe(2);
    const [device] = JSON.parse(run.stdout).devices;
    expect(device.error).toContain(`v6-edge ([::1]:${port})`);
    const logs = await cli(['jobs', 'logs', device.jobId]);
    expect(logs.stdout).toContain(`connecting to [::1]:${port}`);
  });

  it('an unknown option never echoes its value, on any command (in-process over the whole tree)', async () => {
    const leaves = leafCommands(buildProgram({ out: () => undefined, err: () => undefined, isTTY: false }));
    expect(leaves.length).toBeGreaterThan(30);
    for (const words of leaves) {
      for (const unknown of [`--password=${SECRET}`, `-p${SECRET}`]) {
        let printed = '';
        const program = buildProgram({ out: (t) => (printed += t), err: (t) => (printed += t), isTTY: false });
        await program.parseAsync(['node', 'netraven', ...words, unknown]).catch(() => undefined);
        expect(printed, words.join(' ')).toMatch(/unknown option '(--password=…|-p…)'/);
        expect(printed, words.join(' ')).not.toContain('hunter2');
      }
    }
  });

  it('devices list --password=X through the real binary: masked, exit 1, nothing run', async () => {
    const result = await cli(['devices', 'list', `--password=${SECRET}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: unknown option '--password=…'/);
    expect(`${result.stdout}${result.stderr}`).not.toContain('hunter2');
  });

  it('after a CSV quoting error, every later bad line is still listed; nothing is imported', async () => {
    const file = path.join(home, 'broken.csv');
    fs.writeFileSync(file, ['hostname,ip,device_type', 'sw-1,"192.0.2.1"x,cisco_ios', 'sw-2,192.0.2.2,nosuchdriver', 'sw-3,192.0.2.3,cisco_ios', 'sw 4,192.0.2.4,cisco_ios', 'sw-5,"192.0.2.5,cisco_ios', ''].join('\n'));
    const before = await db.knex('devices').orderBy('hostname').pluck('hostname');
    const result = await cli(['devices', 'import', file]);
    expect(result.code).toBe(65);
    const lines = result.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(': ')[0])).toEqual([`${file}:2`, `${file}:3`, `${file}:5`, `${file}:6`, 'netraven']);
    expect(lines[4]).toBe(`netraven: INPUT_INVALID: ${file}: 4 bad lines; nothing was imported`);
    expect(await db.knex('devices').orderBy('hostname').pluck('hostname')).toEqual(before);
  });
});
