import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPort } from '../../../src/db/embedded/embedded-server.js';
import { runCli, runCliClosingAfter } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { insertDevices } from '../../support/jobs.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';

// `netraven … | head -1`: the reader goes away after one line. The pipe holds 64 KiB, so every
// command here prints well over that: its later writes are bound to fail with EPIPE.
describe('a closed output pipe is a normal end', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-pipe-');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') });
  const sims: SimulatedDevice[] = [];
  let jobId: string;

  beforeAll(async () => {
    expect((await runCli(['db', 'init'], { env: env() })).code).toBe(0);
    await insertDevices(db.knex, 1000, 'bulk');
    const [device] = await db.knex('devices').where({ hostname: 'bulk-000' }).select('id');
    await db.knex('device_configurations').insert({
      deviceId: device.id,
      content: Array.from({ length: 20_000 }, (_, i) => `interface Gi0/${i}\n description uplink ${i}`).join('\n'),
      contentHash: 'a'.repeat(64),
      sizeBytes: 1,
    });
    const [job] = await db.knex('jobs').insert({ kind: 'retrieval', status: 'succeeded' }).returning('id');
    jobId = job.id;
    await db.knex('job_logs').insert(Array.from({ length: 3000 }, (_, i) => ({ jobId, level: 'info', message: `line ${i} of a long job log` })));
  });
  afterAll(async () => {
    await Promise.allSettled(sims.map((sim) => sim.close()));
  });

  it.each([
    ['devices list', ['devices', 'list', '--limit', '1000']],
    ['configs show', ['configs', 'show', 'bulk-000']],
    ['jobs logs', ['jobs', 'logs', 'JOB']],
    ['search', ['search', 'uplink', '--limit', '1']],
  ])('%s | head -1: exit 0, no error on stderr', async (_name, args) => {
    const result = await runCliClosingAfter(args.map((a) => (a === 'JOB' ? jobId : a)), 1, { env: env() });
    expect(result.stderr).not.toMatch(/EPIPE|netraven: [A-Z_]+:|\n\s+at /);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]!.length).toBeGreaterThan(0);
  });

  it('with stderr closed as well (2>&1 | head -1) the command still ends cleanly', async () => {
    const result = await runCliClosingAfter(['devices', 'list', '--limit', '1000'], 1, { env: env(), closeStderr: true });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  });

  it('jobs logs --follow stops following when its reader goes away', async () => {
    const [queued] = await db.knex('jobs').insert({ kind: 'retrieval', status: 'queued' }).returning('id');
    await db.knex('job_logs').insert(Array.from({ length: 3000 }, (_, i) => ({ jobId: queued.id, level: 'info', message: `waiting ${i} for a daemon that never comes` })));
    const result = await runCliClosingAfter(['jobs', 'logs', queued.id, '--follow'], 1, { env: env(), timeoutMs: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('retrieve --tag t | head -1 retrieves every device, ends the job and exits with its status', async () => {
    expect((await runCli(['credentials', 'add', '--name', 'lab', '--username', 'admin', '--tag', 'piped'], { env: env(), input: 'admin-pass\n' })).code).toBe(0);
    for (let i = 1; i <= 4; i++) {
      const sim = await startSimulatedDevice({ driver: 'arista_eos', hostname: `piped-${i}` });
      sims.push(sim);
      expect((await runCli(['devices', 'add', `piped-${i}`, '--ip', sim.host, '--port', String(sim.port), '--type', 'arista_eos', '--tag', 'piped'], { env: env() })).code).toBe(0);
    }
    const result = await runCliClosingAfter(['retrieve', '--tag', 'piped', '--concurrency', '1'], 1, { env: env(), closeStderr: true });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    const sweeps = await db.knex('jobs').where({ kind: 'retrieval' }).whereNull('parentJobId').whereNull('deviceId').whereRaw("target->>'tag' = 'piped'").select('status');
    expect(sweeps).toEqual([{ status: 'succeeded' }]);
    expect(await db.knex('jobs').where({ status: 'running' }).count('* as n').first()).toEqual({ n: '0' });
    const devices = await db.knex('devices').where('hostname', 'like', 'piped-%').select('lastRetrievalStatus');
    expect(devices.map((d) => d.lastRetrievalStatus)).toEqual(['changed', 'changed', 'changed', 'changed']);
  }, 120_000);

  it('a failing device: retrieve | head -1 exits 2 (RETRIEVAL_FAILED) with the job ended', async () => {
    const hostile = await startSimulatedDevice({ driver: 'cisco_ios', rejectCommands: ['show running-config'] });
    sims.push(hostile);
    expect((await runCli(['devices', 'add', 'piped-bad', '--ip', hostile.host, '--port', String(hostile.port), '--type', 'cisco_ios', '--tag', 'piped'], { env: env() })).code).toBe(0);
    const result = await runCliClosingAfter(['retrieve', '--tag', 'piped', '--concurrency', '1'], 1, { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^netraven: RETRIEVAL_FAILED: 1 of 5 devices failed/);
    expect(await db.knex('jobs').where({ status: 'running' }).count('* as n').first()).toEqual({ n: '0' });
  });
});

describe('netraven daemon | head -1', () => {
  const db = useTestDatabase();

  it('stops gracefully at its next log line: the job it ran is finished, its session gone', async () => {
    // Its startup lines may all fit in the first chunk read; claiming this job logs more.
    const [job] = await db.knex('jobs').insert({ kind: 'purge' }).returning('id');
    // A daemon refuses to start without a keyring that opens credentials.
    const keyring = tempKeyring();
    const result = await runCliClosingAfter(['daemon', '--no-scheduler'], 1, { env: { DATABASE_URL: db.url, NETRAVEN_KEY_FILE: keyring.file }, timeoutMs: 30_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(await daemonSessions()).toBe(0);
    const [row] = await db.knex('jobs').where({ id: job.id }).select('status');
    expect(row.status).not.toBe('running');
  });

  async function daemonSessions(): Promise<number> {
    const { rows } = await db.knex.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'netraven-daemon:%'");
    return rows[0].n;
  }
});

describe('a closed output pipe with the embedded PostgreSQL', () => {
  const home = tempDir('netraven-pipe-embedded-');
  fs.chmodSync(home, 0o711);
  const env = { NETRAVEN_HOME: home, DATABASE_URL: undefined };

  afterAll(async () => {
    const pidFile = path.join(home, 'postgres', 'postmaster.pid');
    if (runningPort(path.join(home, 'postgres')) !== undefined) process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGQUIT');
  });

  it('devices list | head -1 stops the embedded server as on any exit, every time', async () => {
    expect((await runCli(['db', 'init'], { env })).code).toBe(0);
    const csv = path.join(home, 'devices.csv');
    fs.writeFileSync(csv, `hostname,ip,device_type\n${Array.from({ length: 1000 }, (_, i) => `edge-${i},10.1.${Math.floor(i / 250)}.${(i % 250) + 1},cisco_ios`).join('\n')}\n`);
    expect((await runCli(['devices', 'import', csv], { env })).code).toBe(0);
    for (let i = 0; i < 4; i++) {
      const result = await runCliClosingAfter(['devices', 'list', '--limit', '1000'], 1, { env, closeStderr: i % 2 === 1 });
      expect(result.signal).toBeNull();
      expect(result.code).toBe(0);
      expect(runningPort(path.join(home, 'postgres'))).toBeUndefined();
    }
  }, 180_000);
});
