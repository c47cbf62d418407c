import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/db/connection.js';
import { rotateKeys } from '../../../src/credentials/key-rotation.js';
import { rotationBatchSize } from '../../../src/credentials/rotation-batch-size.js';
import { runCli } from '../../support/cli.js';
import { addCredentials, expectAllOpen, keyUsage, type KnownSecrets } from '../../support/credentials.js';
import { adminQuery, useTestDatabase } from '../../support/database.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';

function asUser(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

describe('rotation under the netraven_keyrotation and netraven_app roles', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  const suffix = randomBytes(4).toString('hex');
  const password = randomBytes(12).toString('hex');
  const rotator = `nr_rotate_${suffix}`;
  const app = `nr_app_${suffix}`;
  let rotatorKnex: Knex;
  let appKnex: Knex;
  let known: KnownSecrets;

  beforeAll(async () => {
    await adminQuery(`CREATE ROLE ${rotator} LOGIN PASSWORD '${password}' IN ROLE netraven_keyrotation`);
    await adminQuery(`CREATE ROLE ${app} LOGIN PASSWORD '${password}' IN ROLE netraven_app`);
    rotatorKnex = createKnex(asUser(db.url, rotator, password), 3);
    appKnex = createKnex(asUser(db.url, app, password), 3);
    known = await addCredentials(db.knex, keyring, 7);
    await db.knex('devices').insert({ hostname: 'r1', ipAddress: '192.0.2.1', deviceType: 'cisco_ios' });
  });

  afterAll(async () => {
    await rotatorKnex?.destroy();
    await appKnex?.destroy();
    await adminQuery(`DROP ROLE IF EXISTS ${rotator}`);
    await adminQuery(`DROP ROLE IF EXISTS ${app}`);
  });

  it('rotates as the keyrotation role, with the default batch size since it reads no operator setting', async () => {
    await db.knex('system_settings').where({ key: 'keys.rotation_batch_size' }).update({ value: JSON.stringify(250) });
    expect(await rotationBatchSize(rotatorKnex)).toBe(500);
    expect(await rotationBatchSize(db.knex)).toBe(250);
    await db.knex('system_settings').where({ key: 'keys.rotation_batch_size' }).update({ value: JSON.stringify(500) });
    const oldKey = keyring.activeKey().id;
    const result = await rotateKeys({ knex: rotatorKnex, keyring, batchSize: 3 });
    expect(result).toMatchObject({ status: 'succeeded', resealed: 7, retiredKeyIds: [oldKey] });
    expect(await keyUsage(db.knex)).toEqual({ [result.keyId]: 7 });
    await expectAllOpen(db.knex, keyring.file, known);
    expect(await db.knex('job_logs').where({ jobId: result.jobId }).count<Array<{ count: string }>>('* as count')).toEqual([{ count: '5' }]);
    // It recorded the new key in the keyring identity record and retired the old one.
    const { value } = await db.knex('system_settings').where({ key: 'internal.sealing_keys' }).first('value');
    expect(value.keys.map((key: { id: string; state: string }) => [key.id, key.state])).toEqual([
      [oldKey, 'retired'],
      [result.keyId, 'active'],
    ]);
  });

  it('is refused everything else: devices, settings, usernames, job logs, other jobs, deleting', async () => {
    const refusals = [
      'SELECT * FROM devices',
      "INSERT INTO system_settings (key, value) VALUES ('retrieval.concurrency', '1')",
      'DELETE FROM system_settings',
      'SELECT username FROM credentials',
      'SELECT * FROM job_logs',
      'SELECT * FROM device_configurations',
      "UPDATE credentials SET name = 'x'",
      'DELETE FROM credentials',
      "INSERT INTO jobs (kind) VALUES ('retrieval')",
    ];
    for (const sql of refusals) {
      await expect(rotatorKnex.raw(sql), sql).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) });
    }
    await db.knex('jobs').insert({ kind: 'retrieval' });
    const { rows } = await rotatorKnex.raw<{ rows: Array<{ kind: string }> }>('SELECT DISTINCT kind FROM jobs');
    expect(rows).toEqual([{ kind: 'key_rotation' }]);
    // Of system_settings it sees the keyring identity record only, no operator setting.
    expect((await rotatorKnex.raw('SELECT key FROM system_settings')).rows).toEqual([{ key: 'internal.sealing_keys' }]);
    expect((await rotatorKnex.raw("UPDATE system_settings SET value = '1' WHERE key = 'retrieval.concurrency'")).rowCount).toBe(0);
  });

  it('rotates as the app role too, and through the CLI with KEYROTATION_DATABASE_URL', async () => {
    expect(await rotationBatchSize(appKnex)).toBe(500);
    const viaApp = await rotateKeys({ knex: appKnex, keyring });
    expect(viaApp.status).toBe('succeeded');
    const cli = await runCli(['keys', 'rotate', '--batch-size', '2'], {
      env: { DATABASE_URL: 'postgres://nobody:wrong@127.0.0.1:1/none', KEYROTATION_DATABASE_URL: asUser(db.url, rotator, password), NETRAVEN_KEY_FILE: keyring.file, NETRAVEN_HOME: tempDir() },
    });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^rotated to key \S+: re-sealed 7 of 7 credentials; retired /);
    expect(await keyUsage(db.knex)).toEqual({ [keyring.activeKey().id]: 7 });
    await expectAllOpen(db.knex, keyring.file, known);
  });
});
