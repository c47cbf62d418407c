import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKeyringFile } from '../../../src/credentials/keyring-file.js';
import { addCredentials, expectAllOpen, keyUsage, type KnownSecrets } from '../../support/credentials.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/rotate-child.ts');

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function rotateInChild(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('key rotation killed with SIGKILL', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  let known: KnownSecrets;
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_KEY_FILE: keyring.file, BATCH_SIZE: '3' });
  const keyIds = () => readKeyringFile(keyring.file).keys.map((k) => `${k.id}:${k.state}`);

  beforeAll(async () => {
    known = await addCredentials(db.knex, keyring, 10);
  });

  /** Kills a rotation at `fault`, checks what it left, then shows a plain second run finishes it. */
  async function crashThenRecover(fault: string, check: (oldKey: string) => Promise<void>): Promise<void> {
    const oldKey = keyring.activeKey().id;
    const interrupted = () => db.knex('jobs').where({ kind: 'key_rotation', status: 'failed', errorCode: 'INTERRUPTED' }).pluck('id');
    const interruptedBefore = await interrupted();
    const crashed = await rotateInChild({ ...env(), NETRAVEN_TEST_FAULT: fault });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(crashed.stdout).toBe('');
    await expectAllOpen(db.knex, keyring.file, known);
    await check(oldKey);

    const again = await rotateInChild(env());
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result).toMatchObject({ status: 'succeeded', failures: [], remainingKeyIds: [] });
    expect(result.retiredKeyIds).toContain(oldKey);
    expect(keyIds()).toEqual([`${result.keyId}:active`]);
    expect(await keyUsage(db.knex)).toEqual({ [result.keyId]: known.size });
    await expectAllOpen(db.knex, keyring.file, known);
    expect(await db.knex('jobs').where({ kind: 'key_rotation', status: 'running' })).toEqual([]);
    const newlyInterrupted = (await interrupted()).filter((id: string) => !interruptedBefore.includes(id));
    expect(newlyInterrupted).toHaveLength(1);
    expect(await db.knex('job_logs').where({ jobId: newlyInterrupted[0] }).pluck('message')).toContain(`interrupted; job ${result.jobId} takes over`);
  }

  it('before the keyring rename: the old keyring stays, and the temp file is cleaned up by the next write', async () => {
    await crashThenRecover('keyring.before-rename', async (oldKey) => {
      expect(keyIds()).toEqual([`${oldKey}:active`]);
      expect(fs.readdirSync(path.dirname(keyring.file)).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
      expect(await keyUsage(db.knex)).toEqual({ [oldKey]: 10 });
    });
    expect(fs.readdirSync(path.dirname(keyring.file))).toEqual(['keyring.json']);
  });

  it('after the keyring write: both keys are there and every row still uses the old one', async () => {
    await crashThenRecover('rotation.after-keyring-write', async (oldKey) => {
      const keys = keyIds();
      expect(keys).toHaveLength(2);
      expect(keys[0]).toBe(`${oldKey}:retiring`);
      expect(await keyUsage(db.knex)).toEqual({ [oldKey]: 10 });
      const job = await db.knex('jobs').where({ kind: 'key_rotation', status: 'running' }).first();
      expect(job.leaseOwner).toMatch(/:\d+$/);
    });
  });

  it('in the middle of the second batch: the first batch is committed, the second rolled back', async () => {
    await crashThenRecover('rotation.mid-batch:2', async (oldKey) => {
      const usage = await keyUsage(db.knex);
      const newKey = Object.keys(usage).find((id) => id !== oldKey)!;
      expect(usage).toEqual({ [oldKey]: 7, [newKey]: 3 });
      const job = await db.knex('jobs').where({ kind: 'key_rotation', status: 'running' }).first();
      expect(job).toMatchObject({ progressTotal: 10, progressDone: 3 });
    });
  });

  it('before retiring: every row is re-sealed but the old key is still in the keyring', async () => {
    await crashThenRecover('rotation.before-retire', async (oldKey) => {
      const usage = await keyUsage(db.knex);
      expect(Object.keys(usage)).toHaveLength(1);
      expect(usage[oldKey]).toBeUndefined();
      expect(keyIds()).toContain(`${oldKey}:retiring`);
    });
  });
});
