import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../../src/console/console-services.js';
import type { ConsoleEvent } from '../../../src/console/live-events.js';
import { setSetting } from '../../../src/config/settings-store.js';
import { generateKey, withActiveKey } from '../../../src/credentials/keyring.js';
import { addCredentials, expectAllOpen, flipOneCiphertextByte, type KnownSecrets } from '../../support/credentials.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';
import { loginAs } from '../../support/role-login.js';

describe('console key actions', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  let services: ConsoleServices;
  let known: KnownSecrets;

  beforeAll(async () => {
    known = await addCredentials(db.knex, keyring, 7);
    services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring, actor: { name: 'alice@ops', role: 'admin', via: 'local' } });
  });
  afterAll(async () => {
    await services.close();
  });

  it('shows the active key, credentials per key, no unfinished rotation and no rotation yet', async () => {
    const view = await services.keysView();
    expect(view).toMatchObject({ credentials: 7, lastRotation: null, rotatingHere: false });
    expect(view.keyring).toMatchObject({ foreign: false, unfinished: null, toReseal: 7 });
    if (!('status' in view.keyring)) throw new Error('no keyring');
    expect(view.keyring.status.keys).toEqual([{ id: keyring.activeKey().id, state: 'active', createdAt: expect.any(String), credentials: 7 }]);
  });

  it('rotates in batches as the operator, announcing every batch on the job status channel', async () => {
    await setSetting(db.knex, 'keys.rotation_batch_size', 3);
    const heard: string[] = [];
    const stop = services.subscribe((event: ConsoleEvent) => {
      if (event.type === 'jobs') heard.push(...event.jobIds);
    });
    const oldKey = keyring.activeKey().id;
    const result = await services.rotateKeys();
    expect(result).toMatchObject({ status: 'succeeded', total: 7, resealed: 7, retiredKeyIds: [oldKey] });
    const view = await services.keysView();
    expect(view.lastRotation).toMatchObject({ id: result.jobId, status: 'succeeded', requestedBy: 'alice@ops', total: 7, done: 7, failed: 0, keyId: result.keyId, batchSize: 3, leaseExpired: false });
    // Start, total, three batches, end: notices of the same job, coalesced by the console.
    await expect.poll(() => heard.includes(result.jobId)).toBe(true);
    stop();
    await expectAllOpen(db.knex, keyring.file, known);
  });

  it('shows an unfinished rotation (a retiring key left in the keyring) and what R would re-seal', async () => {
    const current = keyring.load();
    const next = generateKey();
    keyring.save(withActiveKey(current, next));
    const view = await services.keysView();
    expect(view.keyring).toMatchObject({ unfinished: { retiringKeyIds: [current.keys[0]!.id], credentials: 7 }, toReseal: 7 });
    const finished = await services.rotateKeys();
    expect(finished).toMatchObject({ resumed: true, keyId: next.id, resealed: 7 });
    expect((await services.keysView()).keyring).toMatchObject({ unfinished: null });
  });

  it('verify lists the credentials that do not open, by name; a second rotation while one runs is refused', async () => {
    const [victim] = await db.knex('credentials').select('id', 'secret').orderBy('name').limit(1);
    const saved = victim.secret;
    await db.knex('credentials').where({ id: victim.id }).update({ secret: flipOneCiphertextByte(victim.secret) });
    const result = await services.verifyKeys();
    expect(result.total).toBe(7);
    expect(result.failures.map((f) => [f.name, f.code])).toEqual([['cred-0', 'CIPHERTEXT_INVALID']]);
    await db.knex('credentials').where({ id: victim.id }).update({ secret: saved });
    const first = services.rotateKeys();
    await expect(services.rotateKeys()).rejects.toMatchObject({ code: 'ROTATION_IN_PROGRESS' });
    expect((await services.keysView()).rotatingHere).toBe(true);
    await first;
  });

  it('a foreign or missing keyring is shown, and rotating and verifying are refused with nothing changed', async () => {
    const foreign = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: tempKeyring() });
    try {
      const view = await foreign.keysView();
      expect(view.keyring).toMatchObject({ foreign: true });
      const jobs = await db.knex('jobs').count('* as n');
      await expect(foreign.rotateKeys()).rejects.toMatchObject({ code: 'KEYRING_FOREIGN' });
      await expect(foreign.verifyKeys()).rejects.toMatchObject({ code: 'KEYRING_FOREIGN' });
      expect(await db.knex('jobs').count('* as n')).toEqual(jobs);
    } finally {
      await foreign.close();
    }
    const gone = tempKeyring();
    fs.rmSync(gone.file);
    const missing = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: gone });
    try {
      expect((await missing.keysView()).keyring).toMatchObject({ problem: { code: 'KEYRING_MISSING' } });
    } finally {
      await missing.close();
    }
  });

  it('rotates under KEYROTATION_DATABASE_URL when given (the keyrotation role); a URL of a role that may not rotate fails and changes nothing', async () => {
    const rotator = await loginAs('netraven_keyrotation', db.url);
    const reader = await loginAs('netraven_readonly', db.url);
    try {
      const viaRole = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring, keyRotationUrl: rotator.url, actor: { name: 'carol@ops', role: 'admin', via: 'local' } });
      try {
        const result = await viaRole.rotateKeys();
        // The keyrotation role cannot read settings: the shipped batch size, not the 3 set above.
        expect(result.status).toBe('succeeded');
        expect((await viaRole.keysView()).lastRotation).toMatchObject({ id: result.jobId, requestedBy: 'carol@ops', batchSize: 500 });
      } finally {
        await viaRole.close();
      }
      const before = fs.readFileSync(keyring.file);
      const viaReader = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring, keyRotationUrl: reader.url });
      try {
        await expect(viaReader.rotateKeys()).rejects.toMatchObject({ code: 'DATABASE_PERMISSION_DENIED' });
      } finally {
        await viaReader.close();
      }
      expect(fs.readFileSync(keyring.file).equals(before)).toBe(true);
      await expectAllOpen(db.knex, keyring.file, known);
    } finally {
      await rotator.drop();
      await reader.drop();
    }
  });
});
