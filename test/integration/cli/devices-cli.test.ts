import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAG } from '../../../src/config/default-tags.js';
import { runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir } from '../../support/keyring.js';

describe('netraven devices (real CLI): bad input is refused and explained', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-cli-');
  const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') } });
  const count = async () => Number((await db.knex('devices').count('* as count'))[0]!.count);

  it('devices add validates every field and refuses duplicates ignoring case', async () => {
    const added = await cli(['devices', 'add', 'core-sw1', '--ip', '10.0.0.1', '--type', 'cisco_ios', '--tag', 'core']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('added core-sw1 (cisco_ios at 10.0.0.1:22, tags: core)\n');
    const auto = await cli(['devices', 'add', 'unknown-1', '--ip', '10.0.0.9', '--type', 'auto']);
    expect(auto.code, auto.stderr).toBe(0);
    // No --tag: the device gets the default tag, like any other device added without one.
    expect(auto.stdout).toBe(`added unknown-1 (auto at 10.0.0.9:22, tags: ${DEFAULT_TAG})\n`);
    await db.knex('devices').where({ hostname: 'unknown-1' }).delete();
    const bad = await cli(['devices', 'add', 'bad host', '--ip', '10.0.0.300', '--type', 'cisco_nope']);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/^netraven: INPUT_INVALID: hostname "bad host" is not valid: .*; ip "10\.0\.0\.300" is not valid: .*; device_type "cisco_nope" is not valid: expected "auto" or one of .*\n$/);
    const duplicate = await cli(['devices', 'add', 'CORE-SW1', '--ip', '10.0.0.2', '--type', 'cisco_ios']);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toContain('ALREADY_EXISTS: a device named "core-sw1" already exists');
    const badOptions = await cli(['devices', 'add', 'sw2', '--ip', '10.0.0.2', '--type', 'cisco_ios', '--ssh-options', '{"algorithms":{"kex":[]}}']);
    expect(badOptions.code).toBe(65);
    expect(badOptions.stderr).toContain('ssh_options.algorithms.kex');
    const badPort = await cli(['devices', 'add', 'sw3', '--ip', '10.0.0.3', '--type', 'cisco_ios', '--port', '70000']);
    expect(badPort.code).not.toBe(0);
    expect(await count()).toBe(1);
  });

  it('a bad CSV imports nothing and lists each bad line with its reason, escaped', async () => {
    const file = path.join(home, 'bad.csv');
    fs.writeFileSync(file, 'hostname,ip,port,device_type,tags\nok-1,10.1.0.1,,linux,a\n=cmd|calc,10.1.0.2,,linux,a\nsw\x1b[2Jx,10.1.0.3,,linux,a\nok-2,10.1.0.4,99999,linux,a|b\n');
    const result = await cli(['devices', 'import', file]);
    expect(result.code).toBe(65);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: hostname "=cmd\\|calc" looks like a spreadsheet formula`)),
      expect.stringMatching(/:4: hostname "sw\\u001b\[2Jx" contains control characters$/),
      expect.stringMatching(/:5: port "99999" is not valid/),
      expect.stringMatching(/:5: tag "a\|b" is not valid .*separate tags with ";"$/),
      `netraven: INPUT_INVALID: ${file}: 3 bad lines; nothing was imported`,
    ]);
    expect(result.stderr).not.toContain('\x1b');
    expect(await count()).toBe(1);
    const json = await cli(['devices', 'import', file, '--json']);
    expect(json.code).toBe(65);
    expect(JSON.parse(json.stdout).problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5]);
  });

  it('list pages by hostname with --limit/--after and filters by tag', async () => {
    const file = path.join(home, 'good.csv');
    fs.writeFileSync(file, `hostname,ip,device_type,tags\n${Array.from({ length: 5 }, (_, i) => `sw-${i},10.2.0.${i + 1},vyos,${i % 2 ? 'odd' : 'even'}`).join('\n')}\n`);
    expect((await cli(['devices', 'import', file])).code).toBe(0);
    const first = await cli(['devices', 'list', '--limit', '2']);
    expect(first.stdout.split('\n')[0]).toMatch(/^HOSTNAME +ADDRESS +TYPE +TAGS/);
    expect(first.stderr).toBe('more results: add --after sw-0\n');
    const next = JSON.parse((await cli(['devices', 'list', '--limit', '2', '--after', 'sw-0', '--json'])).stdout);
    expect(next.items.map((d: { hostname: string }) => d.hostname)).toEqual(['sw-1', 'sw-2']);
    const odd = JSON.parse((await cli(['devices', 'list', '--tag', 'ODD', '--json'])).stdout);
    expect(odd.items.map((d: { hostname: string }) => d.hostname)).toEqual(['sw-1', 'sw-3']);
  });

  it('retrieve needs exactly one target; unknown devices and tags are NOT_FOUND', async () => {
    const none = await cli(['retrieve']);
    expect(none.code).toBe(65);
    expect(none.stderr).toContain('--device HOSTNAME (repeatable), --tag TAG or --all');
    expect((await cli(['retrieve', '--all', '--tag', 'x'])).code).toBe(65);
    const unknown = await cli(['retrieve', '--device', 'nope']);
    expect(unknown.code).toBe(66);
    expect(unknown.stderr).toContain('no device named "nope"');
    expect((await cli(['retrieve', '--tag', 'nobody'])).code).toBe(66);
  });
});
