import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { tempDir } from '../../support/keyring.js';
import { loginAs, type RoleLogin } from '../../support/role-login.js';

// The grants against what each role's holder does with the real CLI: netraven_app runs every
// command, netraven_readonly reads everything but credential material.
describe('the CLI under each database role', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-roles-');
  const keyFile = path.join(home, 'keyring.json');
  let app: RoleLogin;
  let readonly: RoleLogin;
  let sim: SimulatedDevice;
  const as = (login: RoleLogin, args: string[], input?: string) => runCli(args, { env: { DATABASE_URL: login.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile }, input });
  const ok = async (login: RoleLogin, args: string[], input?: string) => {
    const result = await as(login, args, input);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(async () => {
    expect((await runCli(['db', 'init'], { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile } })).code).toBe(0);
    app = await loginAs('netraven_app', db.url);
    readonly = await loginAs('netraven_readonly', db.url);
    sim = await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'edge-1', enableSecret: 'enable-pass' });
  });
  afterAll(async () => {
    await sim?.close();
    await app?.drop();
    await readonly?.drop();
  });

  it('netraven_app runs the whole workflow', async () => {
    await ok(app, ['devices', 'add', 'edge-1', '--ip', sim.host, '--port', String(sim.port), '--type', 'cisco_ios', '--tag', 'edge']);
    await ok(app, ['credentials', 'add', '--name', 'lab', '--username', 'admin', '--tag', 'edge', '--enable'], 'admin-pass\nenable-pass\n');
    expect((await ok(app, ['retrieve', '--device', 'edge-1'])).stdout).toMatch(/^changed {3}edge-1 /m);
    expect((await ok(app, ['configs', 'show', 'edge-1'])).stdout).toContain('hostname edge-1');
    await ok(app, ['search', 'hostname']);
    await ok(app, ['settings', 'set', 'retrieval.concurrency', '20']);
    const schedule = (await ok(app, ['schedules', 'add', '--cron', '0 5 * * *'])).stdout.trim();
    await ok(app, ['schedules', 'remove', schedule]);
    const queued = (await ok(app, ['retrieve', '--device', 'edge-1', '--queue'])).stdout.trim();
    await ok(app, ['jobs', 'cancel', queued]);
    await ok(app, ['keys', 'rotate']);
    await ok(app, ['keys', 'verify']);
    await ok(app, ['db', 'status']);
  }, 180_000);

  it('netraven_readonly lists credentials (names, usernames, tags, counters) and reads the rest', async () => {
    const list = JSON.parse((await ok(readonly, ['credentials', 'list', '--json'])).stdout) as { items: Array<Record<string, unknown>> };
    expect(list.items).toEqual([expect.objectContaining({ name: 'lab', username: 'admin', tags: ['edge'], hasEnableSecret: true, successCount: 1 })]);
    for (const args of [['devices', 'list'], ['configs', 'history', 'edge-1'], ['configs', 'show', 'edge-1'], ['search', 'hostname'], ['jobs', 'list'], ['settings', 'list'], ['keys', 'status'], ['db', 'status'], ['schedules', 'list']]) {
      await ok(readonly, args);
    }
  }, 120_000);

  it('netraven_readonly cannot open a credential or change anything', async () => {
    const verify = await as(readonly, ['keys', 'verify']);
    expect(expectOneLineError(verify, 'DATABASE_PERMISSION_DENIED', 77)).toContain('permission denied for table credentials');
    for (const args of [['devices', 'remove', 'edge-1', '--yes'], ['credentials', 'remove', 'lab'], ['schedules', 'add', '--cron', '0 5 * * *'], ['retrieve', '--device', 'edge-1', '--queue']]) {
      const result = await as(readonly, args);
      expect(result.stderr, args.join(' ')).toMatch(/^netraven: DATABASE_PERMISSION_DENIED: /);
      expectOneLineError(result, 'DATABASE_PERMISSION_DENIED', 77);
    }
    expect(await db.knex('devices').pluck('hostname')).toEqual(['edge-1']);
    expect(await db.knex('credentials').pluck('name')).toEqual(['lab']);
  }, 120_000);
});
