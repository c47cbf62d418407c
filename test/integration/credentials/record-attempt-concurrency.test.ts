import { beforeAll, describe, expect, it } from 'vitest';
import { recordAttempt } from '../../../src/credentials/credential-selection.js';
import { createCredential } from '../../../src/credentials/credential-service.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';

// Every device of a sweep records its login on the same credential row at the same time.
describe('recordAttempt under concurrency', () => {
  const db = useTestDatabase();
  let credentialId: string;
  const devices: string[] = [];

  beforeAll(async () => {
    credentialId = (await createCredential({ knex: db.knex, keyring: tempKeyring() }, { name: 'shared', username: 'admin', secret: 'pw', tags: ['all'] })).id;
    const rows = await db.knex('devices').insert(Array.from({ length: 40 }, (_, i) => ({ hostname: `sw-${i}`, ipAddress: '192.0.2.1', deviceType: 'cisco_ios' }))).returning('id');
    devices.push(...rows.map((row: { id: string }) => row.id));
  });

  it('40 devices recording at once: no update is lost and every device remembers the credential', async () => {
    await Promise.all(devices.map((device, i) => recordAttempt(db.knex, credentialId, i % 4 !== 0, device)));
    const row = await db.knex('credentials').where({ id: credentialId }).first('successCount', 'failureCount');
    expect(row).toEqual({ successCount: 30, failureCount: 10 });
    const remembered = await db.knex('devices').where({ lastGoodCredentialId: credentialId }).count('* as count');
    expect(Number(remembered[0]!.count)).toBe(30);
  });

  it('without a device only the counters move', async () => {
    await recordAttempt(db.knex, credentialId, true);
    await recordAttempt(db.knex, credentialId, false, null);
    expect(await db.knex('credentials').where({ id: credentialId }).first('successCount', 'failureCount')).toEqual({ successCount: 31, failureCount: 11 });
  });
});
