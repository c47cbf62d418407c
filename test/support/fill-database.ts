/** Rows in every table of a NetRaven database, with the awkward values a backup must carry exactly. */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { KeyringSource } from '../../src/credentials/keyring-source.js';
import { addCredentials, type KnownSecrets } from './credentials.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// Ids chosen so that primary-key order puts children before their parents: a restore that
// inserted in id order would break the jobs.parent_job_id foreign key.
const SCHEDULE = 'ffffffff-0000-4000-8000-000000000001';
const SWEEP = 'eeeeeeee-0000-4000-8000-000000000002';
const DEVICE_JOBS = ['00000000-0000-4000-8000-000000000003', '11111111-0000-4000-8000-000000000004'];

/**
 * Fills every table: credentials (sealed with keyring), tags, devices (IPv4 and IPv6, JSON
 * options, every optional column), a schedule → sweep → device-job chain, configurations
 * (Unicode, quotes, backslashes, 1 MiB), over 1,000 job log lines with gaps in their ids, a
 * changed setting. Returns the credentials' secrets.
 */
export async function fillEveryTable(knex: Knex, keyring: KeyringSource): Promise<KnownSecrets> {
  const known = await addCredentials(knex, keyring, 5, 'bk');
  const credentialId = ((await knex('credentials').orderBy('name').first('id')) as { id: string }).id;
  const [v4, v6] = (await knex('devices').insert([
    {
      hostname: 'core-sw1', ipAddress: '192.0.2.10', port: 22, deviceType: 'cisco_ios', vendor: 'Cisco', model: 'C9300', osVersion: '17.9.4',
      serial: 'FOC1234X0AB', description: 'Core "switch" \\ rack 4 – Zürich ✓', enabled: true,
      sshOptions: { algorithms: { kex: ['curve25519-sha256'] }, note: 'ünïcödé ✓', nested: { deep: [1, 2.5, null, true] } },
      lastRetrievalAt: new Date('2026-11-01T02:00:00.123Z'), lastRetrievalStatus: 'failed', lastRetrievalErrorCode: 'AUTH_FAILED',
      lastRetrievalError: 'login refused\nsecond line', lastGoodCredentialId: credentialId, hostKeyFingerprint: `SHA256:${'A'.repeat(43)}`,
    },
    { hostname: 'edge-v6', ipAddress: '2001:db8::10', port: 2222, deviceType: 'juniper_junos', enabled: false },
  ]).returning('id')) as Array<{ id: string }>;
  const coreTag = ((await knex('tags').where({ name: 'core' }).first('id')) as { id: string }).id;
  await knex('tags').where({ id: coreTag }).update({ description: 'core network', colour: '#1a2b3c' });
  await knex('device_tags').insert([{ deviceId: v4!.id, tagId: coreTag }, { deviceId: v6!.id, tagId: coreTag }]);

  await knex('jobs').insert({ id: SCHEDULE, kind: 'retrieval', status: 'queued', schedule: '0 2 * * *', target: { tag: 'core' }, requestedBy: 'schedule' });
  await knex('jobs').insert({
    id: SWEEP, kind: 'retrieval', status: 'partially_succeeded', parentJobId: SCHEDULE, scheduledFor: new Date('2026-11-01T02:00:00Z'),
    progressTotal: 2, progressDone: 2, progressFailed: 1, attempts: 1, startedAt: new Date('2026-11-01T02:00:00.5Z'), finishedAt: new Date('2026-11-01T02:00:09.25Z'),
  });
  await knex('jobs').insert(DEVICE_JOBS.map((id, i) => ({ id, kind: 'retrieval', status: i === 0 ? 'succeeded' : 'failed', parentJobId: SWEEP, deviceId: i === 0 ? v4!.id : v6!.id, errorCode: i === 0 ? null : 'UNREACHABLE', error: i === 0 ? null : 'connection refused' })));

  const contents = [
    'hostname core-sw1\n!\ninterface Gi1/0/1\n description "uplink" \\ to 10.0.0.1 – ✓\n!\nbanner motd ^C Ünïcode ^C\nend\n',
    `${'interface Gi1/0/2\n description filler line for a large configuration\n'.repeat(20_000)}end\n`,
  ];
  await knex('device_configurations').insert(contents.map((content, i) => ({
    deviceId: v4!.id, jobId: DEVICE_JOBS[0], retrievedAt: new Date(Date.UTC(2026, 10, 1, 2, 0, i, 250)), content, contentHash: sha256(content),
    sizeBytes: Buffer.byteLength(content), metadata: { prompt: 'core-sw1#', commands: ['show running-config'], lines: i },
  })));

  const lines = Array.from({ length: 1_200 }, (_, i) => ({ jobId: DEVICE_JOBS[i % 2], deviceId: i % 2 === 0 ? v4!.id : null, level: ['debug', 'info', 'warn', 'error'][i % 4], message: `line ${i} "quoted" \\ ✓`, data: { i, tags: ['a', 'b'] } }));
  for (let i = 0; i < lines.length; i += 400) await knex('job_logs').insert(lines.slice(i, i + 400));
  await knex('job_logs').whereRaw('id % 7 = 0').delete();
  await knex('system_settings').where({ key: 'retrieval.concurrency' }).update({ value: JSON.stringify(77) });
  return known;
}

/** Every row of every table of the public schema as text, sorted: two databases with equal snapshots hold the same data. */
export async function snapshotTables(knex: Knex): Promise<Record<string, string[]>> {
  const { rows: tables } = await knex.raw<{ rows: Array<{ name: string }> }>(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT LIKE 'knex%' ORDER BY 1",
  );
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await knex.raw<{ rows: Array<{ row: string }> }>(`SELECT t::text AS row FROM "${name}" t ORDER BY 1`);
    snapshot[name] = rows.map((r) => r.row);
  }
  return snapshot;
}
