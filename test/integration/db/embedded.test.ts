import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runningPort } from '../../../src/db/embedded/embedded-server.js';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { useEmbeddedHomes } from '../../support/embedded-homes.js';

const { newHome } = useEmbeddedHomes();
const children: ChildProcess[] = [];

function holdDatabase(home: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/hold-database.ts'], {
    env: { ...process.env, NETRAVEN_HOME: home, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('embedded PostgreSQL', () => {
  it('npm start on a fresh home initialises, prints the status, exits 0 and stops the server', async () => {
    const home = newHome();
    const result = await runCli(['start'], { env: { NETRAVEN_HOME: home } });
    expect(result.stderr).toContain('init: applied migration 20261128000000_baseline');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`embedded PostgreSQL in ${home}`);
    expect(result.stdout).toMatch(/system_settings\s+\d+/);
    expect(runningPort(path.join(home, 'postgres'))).toBeUndefined();
    expect(fs.statSync(path.join(home, 'embedded-postgres.json')).mode & 0o777).toBe(0o600);

    const again = await runCli(['start'], { env: { NETRAVEN_HOME: home } });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('init:');
  });

  it('a second process joins the running server; the last one out stops it on SIGTERM', async () => {
    const home = newHome();
    const holder = await holdDatabase(home);
    const port = runningPort(path.join(home, 'postgres'));
    expect(port).toBeGreaterThan(0);

    const status = await runCli(['db', 'status', '--json'], { env: { NETRAVEN_HOME: home } });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).schemaVersion).toBeNull();
    expect(runningPort(path.join(home, 'postgres'))).toBe(port);

    const exited = exitOf(holder);
    holder.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(runningPort(path.join(home, 'postgres'))).toBeUndefined();
  });

  it('stops cleanly on SIGINT', async () => {
    const home = newHome();
    const holder = await holdDatabase(home);
    const exited = exitOf(holder);
    holder.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(runningPort(path.join(home, 'postgres'))).toBeUndefined();
    expect((await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } })).code).toBe(0);
  });

  describe('refuses a damaged or foreign NETRAVEN_HOME with one line', () => {
    /** Every path under the home with its size and mtime: a refused home must stay exactly as it was. */
    function snapshot(home: string): string[] {
      return (fs.readdirSync(home, { recursive: true }) as string[]).sort().map((name) => {
        const stat = fs.lstatSync(path.join(home, name));
        return `${name} ${stat.size} ${stat.mtimeMs}`;
      });
    }

    async function expectRefused(home: string, pattern: RegExp) {
      const result = await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } });
      expect(expectOneLineError(result, 'EMBEDDED_HOME_INVALID')).toMatch(pattern);
    }

    it('foreign files', async () => {
      const home = newHome();
      fs.writeFileSync(path.join(home, 'thesis.docx'), 'not ours');
      await expectRefused(home, /files NetRaven did not create \(thesis\.docx\)/);
      expect(fs.readFileSync(path.join(home, 'thesis.docx'), 'utf8')).toBe('not ours');
    });

    it('a corrupt identity file', async () => {
      const home = newHome();
      fs.writeFileSync(path.join(home, 'embedded-postgres.json'), '{"format": 1, "pass');
      await expectRefused(home, /not valid JSON/);
    });

    it('a data directory without PG_VERSION', async () => {
      const home = newHome();
      expect((await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } })).code).toBe(0);
      fs.rmSync(path.join(home, 'postgres', 'PG_VERSION'));
      const before = snapshot(home);
      await expectRefused(home, /not a PostgreSQL data directory/);
      await expectRefused(home, /not a PostgreSQL data directory/);
      expect(snapshot(home)).toEqual(before);
    });

    it('a data directory of another PostgreSQL major version', async () => {
      const home = newHome();
      expect((await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } })).code).toBe(0);
      fs.writeFileSync(path.join(home, 'postgres', 'PG_VERSION'), '9\n');
      await expectRefused(home, /created by PostgreSQL 9/);
    });

    it('a file instead of a folder', async () => {
      const dir = newHome();
      const file = path.join(dir, 'home-file');
      fs.writeFileSync(file, 'x');
      await expectRefused(file, /is a file, not a folder/);
    });

    it.runIf(process.getuid?.() === 0)('a folder the postgres user cannot enter (running as root)', async () => {
      const locked = newHome();
      fs.chmodSync(locked, 0o700);
      await expectRefused(path.join(locked, 'inner'), /cannot enter/);
    });
  });
});
