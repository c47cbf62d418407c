import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credential, Device, Job } from '../../../src/db/models/index.js';
import { useTestDatabase } from '../../support/database.js';
import { loginAs, type RoleLogin } from '../../support/role-login.js';

const db = useTestDatabase();
const PERMISSION_DENIED = /permission denied|row-level security/;

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
    await expect(readonly.knex('tags').insert({ name: 'nope' })).rejects.toThrow(PERMISSION_DENIED);
    await expect(readonly.knex('devices').update({ enabled: false })).rejects.toThrow(PERMISSION_DENIED);
    await expect(readonly.knex('job_logs').delete()).rejects.toThrow(PERMISSION_DENIED);
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
    await expect(rotation.knex('system_settings').select('key')).rejects.toThrow(PERMISSION_DENIED);
    await expect(rotation.knex('job_logs').select('id')).rejects.toThrow(PERMISSION_DENIED);
    await expect(rotation.knex('device_configurations').select('id')).rejects.toThrow(PERMISSION_DENIED);
  });
});
