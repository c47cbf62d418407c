import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, expectOneLineError, runCli } from '../../support/cli.js';
import { makeClone, runInClone, userIds, type Clone } from '../../support/clone.js';
import { useEmbeddedHomes } from '../../support/embedded-homes.js';

// The README's first command on a machine as it comes: real clones, the real binary, the real
// embedded PostgreSQL, and first starts killed at their worst moments.
const { newHome } = useEmbeddedHomes();
const isRoot = process.getuid?.() === 0;
const RUNTIME = 'runtime';
/** Who runs the "normal user" cases: nobody when we are root, else this user as is. */
const normalUser = isRoot ? userIds('nobody') : undefined;

/** Entries of a folder that are temporaries (dot names) of NetRaven's: none may outlive a good start. */
function temporaries(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.startsWith('.')) : [];
}

/** No error line (`netraven: CODE: …`) and no stack trace; warnings may be there. */
function expectNoFailure(stderr: string): void {
  expect(stderr).not.toMatch(/netraven: [A-Z_]+:|\n\s+at /);
}

function password(home: string): string {
  return (JSON.parse(fs.readFileSync(path.join(home, 'embedded-postgres.json'), 'utf8')) as { password: string }).password;
}

function expectCleanHome(home: string): void {
  expect(temporaries(home)).toEqual([]);
  expect(temporaries(path.join(home, RUNTIME))).toEqual([]);
  expect(fs.readdirSync(path.join(home, RUNTIME))).toHaveLength(1);
  expect(fs.existsSync(path.join(home, 'postgres', 'PG_VERSION'))).toBe(true);
}

/**
 * Starts `netraven start` in its own process group and SIGKILLs the whole group (initdb
 * with it) as soon as moment() is true: what a power cut or the OOM killer leaves behind.
 */
function killFirstStartWhen(home: string, moment: () => boolean): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'NETRAVEN_KEY_FILE', 'NETRAVEN_TEST_FAULT', 'CI']) delete env[name];
  env.NETRAVEN_HOME = home;
  const child = spawn(process.execPath, [CLI, 'start'], { env, detached: true, stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (!moment()) return;
      clearInterval(poll);
      process.kill(-child.pid!, 'SIGKILL');
    }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the first start finished (exit ${code}) before the moment to kill it`));
    });
  });
}

/** True when this process may mount a tmpfs (root with CAP_SYS_ADMIN: most CI machines and VMs). */
function canMount(): boolean {
  if (!isRoot) return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-mount-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmdirSync(probe);
  }
}

function someEntry(dir: string, prefix: string): string | undefined {
  const name = temporaries(dir).find((entry) => entry.startsWith(prefix));
  return name && path.join(dir, name);
}

// A first start takes about 4 s alone on 2 cores and a test makes up to three: 120 s is
// for a machine shared with other test files, and still catches a hang.
describe('first start', { timeout: 120_000 }, () => {
  describe('from a clone', () => {
    let locked: Clone;
    let open: Clone;
    beforeAll(() => {
      locked = makeClone(0o700);
      open = makeClone(0o755);
    });
    afterAll(() => {
      locked?.remove();
      open?.remove();
    });

    it.runIf(isRoot)('as root, `npm start` works from a clone the postgres user cannot enter (under a 0700 folder)', async () => {
      const home = newHome();
      const first = await runInClone(locked, [], { env: { NETRAVEN_HOME: home }, npm: true });
      expectNoFailure(first.stderr);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`embedded PostgreSQL in ${home}`);
      expectCleanHome(home);
      const again = await runInClone(locked, ['start'], { env: { NETRAVEN_HOME: home } });
      expect(again.code).toBe(0);
      expect(again.stderr).not.toContain('init:');
    });

    it('a normal user runs PostgreSQL as themselves, from a clone in a normal folder', async () => {
      const home = newHome();
      if (normalUser) fs.chownSync(home, normalUser.uid, normalUser.gid);
      const result = await runInClone(open, ['start'], { env: { NETRAVEN_HOME: home, HOME: home }, ...normalUser });
      expectNoFailure(result.stderr);
      expect(result.code).toBe(0);
      const uid = normalUser?.uid ?? process.getuid!();
      expect(fs.statSync(path.join(home, 'postgres')).uid).toBe(uid);
      expect(fs.statSync(path.join(home, 'postgres.log')).uid).toBe(uid);
      expectCleanHome(home);
    });

    it('a NETRAVEN_HOME this user cannot write is refused in one line', async () => {
      const parent = newHome();
      fs.chmodSync(parent, 0o555);
      const home = path.join(parent, 'netraven');
      const result = await runInClone(open, ['start'], { env: { NETRAVEN_HOME: home, HOME: parent }, ...normalUser });
      expect(expectOneLineError(result, 'EMBEDDED_HOME_UNUSABLE', 73)).toContain(`NETRAVEN_HOME ${home} is not accessible (permission denied)`);
      expect(fs.readdirSync(parent)).toEqual([]);
    });
  });

  it('killed while copying the PostgreSQL runtime, the next start finishes the job', async () => {
    const home = newHome();
    await killFirstStartWhen(home, () => {
      const copy = someEntry(path.join(home, RUNTIME), '.copy-');
      return copy !== undefined && fs.readdirSync(copy).length > 0;
    });
    expect(someEntry(path.join(home, RUNTIME), '.copy-')).toBeDefined();
    expect(fs.existsSync(path.join(home, 'postgres'))).toBe(false);

    const result = await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } });
    expectNoFailure(result.stderr);
    expect(result.code).toBe(0);
    expectCleanHome(home);
  });

  it('killed during initdb, the next start initialises again with the same password', async () => {
    const home = newHome();
    await killFirstStartWhen(home, () => {
      const work = someEntry(home, '.initdb-');
      return work !== undefined && fs.existsSync(path.join(work, 'data', 'PG_VERSION'));
    });
    expect(someEntry(home, '.initdb-')).toBeDefined();
    expect(fs.existsSync(path.join(home, 'postgres'))).toBe(false);
    const before = password(home);

    const result = await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } });
    expectNoFailure(result.stderr);
    expect(result.code).toBe(0);
    expect(password(home)).toBe(before);
    expectCleanHome(home);
  });

  it('a home left by a first start that failed before initdb (identity, empty data folder) starts', async () => {
    const home = newHome();
    const identity = `${JSON.stringify({ format: 1, user: 'postgres', password: 'left-by-a-failed-start', postgresMajor: 18 })}\n`;
    fs.writeFileSync(path.join(home, 'embedded-postgres.json'), identity, { mode: 0o600 });
    fs.mkdirSync(path.join(home, 'postgres'));
    if (isRoot) fs.chownSync(path.join(home, 'postgres'), userIds('postgres').uid, userIds('postgres').gid);
    fs.writeFileSync(path.join(home, 'postgres.log'), '', { mode: 0o600 });

    const result = await runCli(['db', 'status', '--json'], { env: { NETRAVEN_HOME: home } });
    expectNoFailure(result.stderr);
    expect(result.code).toBe(0);
    expect(password(home)).toBe('left-by-a-failed-start');
    expectCleanHome(home);
  });

  it('two first starts at once on one fresh home both succeed and leave one cluster and one runtime', async () => {
    const home = newHome();
    const results = await Promise.all([1, 2].map(() => runCli(['start'], { env: { NETRAVEN_HOME: home } })));
    for (const result of results) expectNoFailure(result.stderr);
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    expectCleanHome(home);
    expect((await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } })).code).toBe(0);
  });

  it('after an update, the old runtime copy goes; a damaged copy and an abandoned one are replaced', async () => {
    const home = newHome();
    expect((await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } })).code).toBe(0);
    const runtime = path.join(home, RUNTIME);
    const [current] = fs.readdirSync(runtime);
    fs.mkdirSync(path.join(runtime, 'linux-x64-17.6.0', 'bin'), { recursive: true });
    fs.writeFileSync(path.join(runtime, 'linux-x64-17.6.0', 'bin', 'postgres'), 'old');
    // pid_max is at most 2^22: this process cannot exist.
    fs.mkdirSync(path.join(runtime, '.copy-4194999-0badc0de', 'lib'), { recursive: true });
    fs.rmSync(path.join(runtime, current!, 'netraven-runtime.json'));
    fs.rmSync(path.join(runtime, current!, 'bin', 'initdb'));

    const result = await runCli(['db', 'status'], { env: { NETRAVEN_HOME: home } });
    expect(result.code).toBe(0);
    expect(fs.readdirSync(runtime)).toEqual([current]);
    expect(fs.existsSync(path.join(runtime, current!, 'bin', 'initdb'))).toBe(true);
    expectCleanHome(home);
  });

  it.runIf(canMount())('a full, then a read-only NETRAVEN_HOME: one line each and nothing half-made; with space it starts', async () => {
    const home = newHome();
    const env = { NETRAVEN_HOME: home };
    // Room for the runtime copy (60 MB) but not for initdb's cluster (about 48 MB).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=80m,mode=0711', 'tmpfs', home]);
    try {
      const full = await runCli(['db', 'status'], { env });
      expect(expectOneLineError(full, 'EMBEDDED_HOME_UNUSABLE', 73)).toContain(`NETRAVEN_HOME ${home} is full (no space left on device) (initdb, see ${home}/postgres.log)`);
      expect(temporaries(home)).toEqual([]);
      expect(temporaries(path.join(home, RUNTIME))).toEqual([]);
      expect(fs.existsSync(path.join(home, 'postgres'))).toBe(false);
      const before = password(home);

      execFileSync('mount', ['-o', 'remount,size=300m', home]);
      const started = await runCli(['db', 'status'], { env });
      expectNoFailure(started.stderr);
      expect(started.code).toBe(0);
      expect(password(home)).toBe(before);
      expectCleanHome(home);

      execFileSync('mount', ['-o', 'remount,ro', home]);
      const readOnly = await runCli(['db', 'status'], { env });
      expect(expectOneLineError(readOnly, 'EMBEDDED_HOME_UNUSABLE', 73)).toContain(`NETRAVEN_HOME ${home} is on a read-only file system`);
    } finally {
      execFileSync('umount', [home]);
    }
  });
});
