import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotateKeys } from '../../../src/credentials/key-rotation.js';
import { KeyringSource } from '../../../src/credentials/keyring-source.js';
import { enqueueJob, getJob } from '../../../src/jobs/job-queue.js';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { deviceJobs, useDaemonFleet } from '../../support/daemon-fleet.js';
import { isStarted, startDaemonProcess } from '../../support/daemon-process.js';
import { eventually } from '../../support/eventually.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';

const db = useTestDatabase();
const fleet = useDaemonFleet(db, 6, { latencyMs: 10 });
const FINISHED = ['succeeded', 'partially_succeeded', 'failed', 'cancelled'];

/** A copy (mode 0600) of the fleet's keyring as it is now, somewhere else: another container's mount. */
function copyOfKeyring(): string {
  const file = path.join(tempDir('netraven-mount-'), 'keyring.json');
  fs.copyFileSync(fleet.env.NETRAVEN_KEY_FILE!, file);
  fs.chmodSync(file, 0o600);
  return file;
}

async function finished(id: string) {
  return eventually(async () => {
    const job = await getJob(db.knex, id);
    return FINISHED.includes(job.status) ? job : undefined;
  }, 90_000, `job ${id} to finish`);
}

describe('a daemon whose keyring cannot open credentials takes no retrieval work', () => {
  it('refuses to start with a missing, foreign or world-readable keyring: one line, exit code not 0, no job taken', async () => {
    const own = fleet.env.NETRAVEN_KEY_FILE!;
    const databaseKey = new KeyringSource(own).activeKey().id;
    const missing = path.join(tempDir(), 'nope.json');
    const foreign = tempKeyring();
    const loose = copyOfKeyring();
    fs.chmodSync(loose, 0o644);
    const job = await enqueueJob(db.knex, { kind: 'retrieval', target: { tag: 'fleet' } });
    const cases: Array<[string, string, number, string]> = [
      [missing, 'KEYRING_MISSING', 78, `the daemon does not start: keyring ${missing} does not exist`],
      [foreign.file, 'KEYRING_FOREIGN', 78, `the daemon does not start: keyring ${foreign.file} (active key ${foreign.activeKey().id}) does not hold this database's active key ${databaseKey}`],
      [loose, 'KEYRING_INSECURE', 77, `the daemon does not start: keyring ${loose} is readable or writable by group/others (mode 644)`],
    ];
    for (const [file, code, exit, message] of cases) {
      const daemon = startDaemonProcess(db.url, ['--no-scheduler'], { ...fleet.env, NETRAVEN_KEY_FILE: file });
      const result = await daemon.exited;
      expect(expectOneLineError({ code: result.code, stderr: daemon.stderr() }, code, exit)).toContain(message);
      expect(daemon.stdout()).toBe('');
    }
    expect(await getJob(db.knex, job.id)).toMatchObject({ status: 'queued', attempts: 0 });
    await db.knex('jobs').where({ id: job.id }).delete();
  }, 120_000);

  it('two daemons, one with a stale keyring: it releases the jobs it cannot do, says so in --check, and the other retrieves every device', async () => {
    // The stale daemon's mount holds the keyring from before a rotation (a container that was not updated).
    const stale = copyOfKeyring();
    const staleDaemon = startDaemonProcess(db.url, ['--no-scheduler', '--keyring-check-interval', '3600'], { ...fleet.env, NETRAVEN_KEY_FILE: stale });
    await staleDaemon.waitFor(isStarted, 30_000, 'the stale daemon to start');
    const rotation = await rotateKeys({ knex: db.knex, keyring: new KeyringSource(fleet.env.NETRAVEN_KEY_FILE!) });
    expect(rotation.status).toBe('succeeded');

    // Alone, it claims the sweep and its devices, cannot open the credential, and gives the devices back.
    const sweep = await enqueueJob(db.knex, { kind: 'retrieval', target: { tag: 'fleet' } });
    const fault = await staleDaemon.waitFor((l) => l.msg.startsWith('daemon: the keyring cannot open credentials'), 30_000, 'the keyring fault');
    expect(fault).toMatchObject({ level: 'error', code: 'KEYRING_FOREIGN' });
    await staleDaemon.waitFor((l) => l.msg === 'worker: job released', 30_000, 'a released job');
    const check = await runCli(['daemon', '--check'], { env: fleet.env });
    expect(expectOneLineError(check, 'DAEMON_UNHEALTHY', 69)).toContain(`the daemon (pid ${staleDaemon.pid}) cannot open credentials with its keyring (KEYRING_FOREIGN) and takes no retrieval jobs`);
    await eventually(async () => (await deviceJobs(db.knex, sweep.id)).length === 6 && (await deviceJobs(db.knex, sweep.id)).every((c) => c.status === 'queued'), 30_000, 'every device job back in the queue');
    expect((await deviceJobs(db.knex, sweep.id)).every((c) => c.attempts === 0)).toBe(true);
    const released = await db.knex('job_logs').where('message', 'like', 'released by %').pluck('message');
    expect(released.length).toBeGreaterThanOrEqual(1);
    expect(released[0]).toContain(`this process's keyring cannot open credentials: KEYRING_FOREIGN: keyring ${stale} (active key`);

    // A daemon with the right keyring does them all; the stale one takes none of them.
    const good = startDaemonProcess(db.url, ['--no-scheduler'], fleet.env);
    const goodId = (await good.waitFor(isStarted, 30_000, 'the good daemon to start')).daemon;
    expect(await finished(sweep.id)).toMatchObject({ status: 'succeeded', progressTotal: 6, progressDone: 6, progressFailed: 0 });
    const children = await deviceJobs(db.knex, sweep.id);
    expect(children.every((c) => c.status === 'succeeded' && c.attempts === 1)).toBe(true);
    for (const child of children) {
      const starts = (await db.knex('job_logs').where({ jobId: child.id }).where('message', 'like', 'started on %').orderBy('id').pluck('data')) as Array<{ worker: string }>;
      expect(starts.at(-1)?.worker, child.hostname).toBe(goodId);
    }
    const devices = await db.knex('devices').whereIn('hostname', fleet.hostnames).select('lastRetrievalStatus', 'lastRetrievalErrorCode');
    expect(devices).toEqual(Array(6).fill({ lastRetrievalStatus: 'changed', lastRetrievalErrorCode: null }));
    expect(staleDaemon.lines.some((l) => l.msg === 'worker: job failed')).toBe(false);
  }, 180_000);

  it('a daemon that loses its keyring file reports unhealthy within its check interval, takes no retrieval, and recovers when the file is back', async () => {
    const mount = copyOfKeyring();
    const daemon = startDaemonProcess(db.url, ['--no-scheduler', '--keyring-check-interval', '1'], { ...fleet.env, NETRAVEN_KEY_FILE: mount });
    await daemon.waitFor(isStarted, 30_000, 'start');
    expect((await runCli(['daemon', '--check'], { env: fleet.env })).stdout).toMatch(new RegExp(`^healthy: daemon pid ${daemon.pid} `));

    const saved = fs.readFileSync(mount);
    fs.rmSync(mount);
    await daemon.waitFor((l) => l.msg.startsWith('daemon: the keyring cannot open credentials') && l.code === 'KEYRING_MISSING', 15_000, 'the missing keyring noticed');
    expect(expectOneLineError(await runCli(['daemon', '--check'], { env: fleet.env }), 'DAEMON_UNHEALTHY', 69)).toContain('(KEYRING_MISSING)');
    const sweep = await enqueueJob(db.knex, { kind: 'retrieval', target: { tag: 'fleet' } });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await getJob(db.knex, sweep.id)).toMatchObject({ status: 'queued', attempts: 0 });

    fs.writeFileSync(mount, saved, { mode: 0o600 });
    await daemon.waitFor((l) => l.msg === 'daemon: the keyring opens credentials again; taking retrieval jobs', 15_000, 'the keyring back');
    expect(await finished(sweep.id)).toMatchObject({ status: 'succeeded', progressDone: 6 });
    expect((await runCli(['daemon', '--check'], { env: fleet.env })).code).toBe(0);
  }, 180_000);
});
