import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credential, Device, Job } from '../../../src/db/models/index.js';
import { TABLES } from '../../../src/db/status.js';
import { useTestDatabase } from '../../support/database.js';
import { loginAs, type RoleLogin } from '../../support/role-login.js';

const db = useTestDatabase();
const PERMISSION_DENIED = /permission denied|row-level security/;
const A_COLUMN: Record<(typeof TABLES)[number], string> = {
  devices: 'enabled', device_configurations: 'metadata', credentials: 'priority', tags: 'description', device_tags: 'created_at',
  credential_tags: 'created_at', jobs: 'attempts', job_logs: 'level', system_settings: 'description',
};

describe('database roles', () => {
  let app: RoleLogin;
  let readonly: RoleLogin;
  let rotation: RoleLogin;
  let credentialId: string;
  beforeAll(async () => {
    app = await loginAs('netraven_app', db.url);
    readonly = await loginAs('netraven_readonly', db.url);
    rotation = await loginAs('netraven_keyrotation', db.url);
    credentialId = (await Credential.query().insertAndFetch({ name: 'core', username: 'ops', secret: Buffer.from('sealed'), keyId: 'k1' })).id;
    await Device.query().insert({ hostname: 'r1', ipAddress: '10.0.0.1', deviceType: 'cisco_ios' });
    await Job.query().insert({ kind: 'retrieval' });
  });
  afterAll(async () => {
    for (const login of [app, readonly, rotation]) await login?.drop();
  });

  it('netraven_app reads and writes data but changes no schema', async () => {
    await app.knex('tags').insert({ name: 'by-app' });
    await app.knex('tags').where({ name: 'by-app' }).update({ description: 'x' });
    await app.knex('tags').where({ name: 'by-app' }).delete();
    expect((await app.knex('jobs').select('id')).length).toBeGreaterThan(0);
    await expect(app.knex.raw('CREATE TABLE sneaky (id int)')).rejects.toThrow(PERMISSION_DENIED);
    await expect(app.knex.raw('DROP TABLE job_logs')).rejects.toThrow(/must be owner|permission denied/);
    await expect(app.knex.raw('ALTER TABLE devices ADD COLUMN x int')).rejects.toThrow(/must be owner|permission denied/);
  });

  it('netraven_readonly only reads', async () => {
    expect(await readonly.knex('devices').select('hostname')).toEqual([{ hostname: 'r1' }]);
    expect((await readonly.knex('jobs').select('id')).length).toBeGreaterThan(0);
    for (const table of TABLES) {
      expect((await readonly.knex.raw(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBeGreaterThanOrEqual(0);
      await expect(readonly.knex.raw(`DELETE FROM ${table}`)).rejects.toThrow(PERMISSION_DENIED);
      await expect(readonly.knex.raw(`UPDATE ${table} SET ${A_COLUMN[table]} = ${A_COLUMN[table]}`)).rejects.toThrow(PERMISSION_DENIED);
      await expect(readonly.knex.raw(`INSERT INTO ${table} DEFAULT VALUES`)).rejects.toThrow(PERMISSION_DENIED);
    }
  });

  it('netraven_readonly reads no credential material: names, usernames, tags and counters only', async () => {
    const [row] = await readonly.knex('credentials').select('id', 'name', 'username', 'keyId', 'priority', 'successCount', 'failureCount', 'lastUsedAt', 'lastSuccessAt', 'hasEnableSecret', 'createdAt', 'updatedAt');
    expect(row).toMatchObject({ id: credentialId, name: 'core', username: 'ops', hasEnableSecret: false });
    expect(await readonly.knex('credential_tags').select('credentialId')).toEqual([]);
    for (const column of ['secret', 'enable_secret', '*']) {
      await expect(readonly.knex.raw(`SELECT ${column} FROM credentials`)).rejects.toThrow(/permission denied for table credentials/);
    }
    await expect(readonly.knex.raw('SELECT length(secret) FROM credentials')).rejects.toThrow(PERMISSION_DENIED);
    await expect(readonly.knex.raw('SELECT c FROM credentials c')).rejects.toThrow(PERMISSION_DENIED);
    await expect(readonly.knex.raw("SELECT id FROM credentials WHERE secret = 'x'")).rejects.toThrow(PERMISSION_DENIED);
  });

  it('a sealed column added to credentials later is not readable by netraven_readonly (grants list safe columns)', async () => {
    await db.knex.raw('ALTER TABLE credentials ADD COLUMN test_private_key bytea');
    try {
      await expect(readonly.knex.raw('SELECT test_private_key FROM credentials')).rejects.toThrow(PERMISSION_DENIED);
      await expect(rotation.knex.raw('SELECT test_private_key FROM credentials')).rejects.toThrow(PERMISSION_DENIED);
    } finally {
      await db.knex.raw('ALTER TABLE credentials DROP COLUMN test_private_key');
    }
  });

  it('netraven_app keeps history append-only: no UPDATE of configurations or job logs, no DELETE of settings', async () => {
    const [device] = await app.knex('devices').select('id');
    const [config] = await app.knex('device_configurations').insert({ deviceId: device.id, content: 'hostname r1', contentHash: 'c'.repeat(64), sizeBytes: 11 }).returning('id');
    const [job] = await app.knex('jobs').select('id').limit(1);
    await app.knex('job_logs').insert({ jobId: job.id, level: 'info', message: 'kept' });
    await expect(app.knex('device_configurations').where({ id: config.id }).update({ content: 'hostname forged' })).rejects.toThrow(PERMISSION_DENIED);
    await expect(app.knex('job_logs').update({ message: 'forged' })).rejects.toThrow(PERMISSION_DENIED);
    await expect(app.knex('system_settings').delete()).rejects.toThrow(PERMISSION_DENIED);
    await expect(app.knex.raw('TRUNCATE job_logs')).rejects.toThrow(PERMISSION_DENIED);
    // What the application does do: delete old history (purge, device removal) and change settings.
    expect(await app.knex('device_configurations').where({ id: config.id }).delete()).toBe(1);
    expect(await app.knex('job_logs').where({ message: 'kept' }).delete()).toBe(1);
    expect(await app.knex('system_settings').where({ key: 'retrieval.concurrency' }).update({ value: JSON.stringify(40) })).toBe(1);
  });

  it('netraven_keyrotation re-seals credentials, appends logs and its own jobs, nothing else', async () => {
    const rows = await rotation.knex('credentials').select('id', 'secret', 'key_id');
    expect(rows).toHaveLength(1);
    await rotation.knex('credentials').where({ id: credentialId }).update({ secret: Buffer.from('resealed'), keyId: 'k2' });
    expect((await Credential.query().findById(credentialId))?.keyId).toBe('k2');

    const [job] = await rotation.knex('jobs').insert({ kind: 'key_rotation' }).returning('id');
    await rotation.knex('job_logs').insert({ jobId: job.id, level: 'info', message: 're-sealed 1 credential' });
    await rotation.knex('jobs').where({ id: job.id }).update({ status: 'succeeded' });
    expect((await rotation.knex('jobs').select('kind')).map((j) => j.kind)).toEqual(['key_rotation']);

    await expect(rotation.knex('jobs').insert({ kind: 'retrieval' })).rejects.toThrow(PERMISSION_DENIED);
    await expect(rotation.knex('credentials').select('username')).rejects.toThrow(PERMISSION_DENIED);
    await expect(rotation.knex('credentials').where({ id: credentialId }).update({ username: 'x' })).rejects.toThrow(PERMISSION_DENIED);
    await expect(rotation.knex('credentials').where({ id: credentialId }).delete()).rejects.toThrow(PERMISSION_DENIED);
    await expect(rotation.knex('devices').select('id')).rejects.toThrow(PERMISSION_DENIED);
    await expect(rotation.knex('job_logs').select('id')).rejects.toThrow(PERMISSION_DENIED);
    await expect(rotation.knex('device_configurations').select('id')).rejects.toThrow(PERMISSION_DENIED);
  });

  describe('the keyring identity record (system_settings row internal.sealing_keys)', () => {
    const ROW = 'internal.sealing_keys';
    const record = (id: string) => JSON.stringify({ keys: [{ id, state: 'active', recorded_at: '2026-01-01T00:00:00.000Z' }] });
    const stored = async () => (await db.knex('system_settings').where({ key: ROW }).first())?.value as { keys: Array<{ id: string }> } | undefined;
    const removeRecord = () => db.knex('system_settings').where({ key: ROW }).delete();

    it('netraven_keyrotation reads, inserts and updates that row and no other setting', async () => {
      await removeRecord();
      await rotation.knex('system_settings').insert({ key: ROW, value: record('k1') });
      await rotation.knex('system_settings').where({ key: ROW }).update({ value: record('k2') });
      expect((await stored())?.keys[0]?.id).toBe('k2');
      // Only that row exists for it: every operator setting is invisible and cannot be written.
      expect(await rotation.knex('system_settings').select('key')).toEqual([{ key: ROW }]);
      expect(await rotation.knex('system_settings').forUpdate().where({ key: ROW }).select('key')).toEqual([{ key: ROW }]);
      expect(await rotation.knex('system_settings').where({ key: 'retrieval.concurrency' }).update({ value: JSON.stringify(1) })).toBe(0);
      expect((await db.knex('system_settings').where({ key: 'retrieval.concurrency' }).first()).value).not.toBe(1);
      await expect(rotation.knex('system_settings').insert({ key: 'retrieval.sneaky', value: '1' })).rejects.toThrow(PERMISSION_DENIED);
      await expect(rotation.knex('system_settings').where({ key: ROW }).update({ key: 'retrieval.renamed' })).rejects.toThrow(PERMISSION_DENIED);
      await expect(rotation.knex('system_settings').where({ key: ROW }).delete()).rejects.toThrow(PERMISSION_DENIED);
      expect((await stored())?.keys[0]?.id).toBe('k2');
    });

    it('netraven_readonly reads it and cannot change it; netraven_app reads and writes it', async () => {
      await removeRecord();
      await app.knex('system_settings').insert({ key: ROW, value: record('k3') });
      expect((await readonly.knex('system_settings').where({ key: ROW }).first()).value.keys[0].id).toBe('k3');
      await expect(readonly.knex('system_settings').where({ key: ROW }).update({ value: record('k4') })).rejects.toThrow(PERMISSION_DENIED);
      await app.knex('system_settings').where({ key: ROW }).update({ value: record('k5') });
      expect((await stored())?.keys[0]?.id).toBe('k5');
    });

    it('the table refuses a record without exactly one active key or with an unknown state or key id', async () => {
      await removeRecord();
      const bad = [
        { keys: [] },
        { keys: [{ id: 'a', state: 'active' }, { id: 'b', state: 'active' }] },
        { keys: [{ id: 'a', state: 'active' }, { id: 'b', state: 'gone' }] },
        { keys: [{ id: 'a', state: 'active' }, { id: 'b c', state: 'retired' }] },
        { keys: [{ id: 'a', state: 'active' }, { state: 'retired' }] },
        { keys: [{ id: 'a', state: 'active' }, 'b'] },
        { keys: { id: 'a', state: 'active' } },
        ['a'],
      ];
      for (const value of bad) {
        await expect(app.knex('system_settings').insert({ key: ROW, value: JSON.stringify(value) }), JSON.stringify(value)).rejects.toThrow(/system_settings_sealing_keys_check/);
      }
      expect(await stored()).toBeUndefined();
    });
  });
});
