import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../../src/credentials/keyring.js';
import { seal } from '../../../src/credentials/sealing.js';
import { runCli, transcript } from '../../support/cli.js';
import { addCredentials, flipOneCiphertextByte, type KnownSecrets } from '../../support/credentials.js';
import { dumpDatabaseAsText, encodingsOf } from '../../support/database-dump.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';

describe('netraven keys (real CLI)', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  let known: KnownSecrets;
  const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: tempDir(), NETRAVEN_KEY_FILE: keyring.file } });
  const secretOf = (name: string) => db.knex('credentials').where({ name }).first().then((row: { secret: Buffer }) => row.secret);

  beforeAll(async () => {
    known = await addCredentials(db.knex, keyring, 5, 'sw');
  });

  it('status shows the keyring, the active key and the credentials per key', async () => {
    const active = keyring.activeKey().id;
    const table = await cli(['keys', 'status']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(`keyring     ${keyring.file}\nactive key  ${active}\n`);
    expect(table.stdout).toMatch(new RegExp(`${active}\\s+active\\s+\\S+\\s+5\\n`));
    const json = JSON.parse((await cli(['keys', 'status', '--json'])).stdout);
    expect(json).toMatchObject({ file: keyring.file, activeKeyId: active, keys: [{ id: active, state: 'active', credentials: 5 }], missingKeys: [] });
    expect(JSON.stringify(json)).not.toContain(Buffer.from(keyring.activeKey().material).toString('base64'));
  });

  it('verify opens every credential', async () => {
    const ok = await cli(['keys', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(`5 of 5 credentials open with ${keyring.file}\n`);
  });

  it('rotate re-seals everything and retires the old key', async () => {
    const old = keyring.activeKey().id;
    const rotated = await cli(['keys', 'rotate', '--batch-size', '2']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const next = keyring.activeKey().id;
    expect(rotated.stdout).toMatch(new RegExp(`^rotated to key ${next}: re-sealed 5 of 5 credentials; retired ${old} \\(job [0-9a-f-]{36}\\)\\n$`));
    expect(rotated.stderr).toContain('re-sealed 4 of 5 credentials');
    expect(rotated.stderr).toContain(`back up ${keyring.file} now`);
    expect((await cli(['keys', 'verify'])).code).toBe(0);
  });

  it('verify names a tampered credential and both of two swapped ones, and the others still open', async () => {
    const flipped = flipOneCiphertextByte(await secretOf('sw-0'));
    await db.knex('credentials').where({ name: 'sw-0' }).update({ secret: flipped });
    const [a, b] = [await secretOf('sw-1'), await secretOf('sw-2')];
    await db.knex('credentials').where({ name: 'sw-1' }).update({ secret: b });
    await db.knex('credentials').where({ name: 'sw-2' }).update({ secret: a });
    const result = await cli(['keys', 'verify']);
    expect(result.code).toBe(65);
    expect(result.stdout).toBe(`2 of 5 credentials open with ${keyring.file}\n`);
    for (const name of ['sw-0', 'sw-1', 'sw-2']) expect(result.stderr).toMatch(new RegExp(`  "${name}": CIPHERTEXT_INVALID: the secret of credential "${name}" does not open with key`));
    expect(result.stderr).toContain('netraven: CIPHERTEXT_INVALID: 3 credentials do not open: "sw-0", "sw-1", "sw-2"');
    const json = JSON.parse((await cli(['keys', 'verify', '--json'])).stdout);
    expect(json.failures.map((f: { name: string }) => f.name).sort()).toEqual(['sw-0', 'sw-1', 'sw-2']);
  });

  it('a rotation skips credentials that do not open, keeps their key, and fails with the names', async () => {
    await db.knex('credentials').whereIn('name', ['sw-0', 'sw-1', 'sw-2']).delete();
    const lost = generateKey();
    const row = await db.knex('credentials').where({ name: 'sw-3' }).first();
    await db.knex('credentials').where({ id: row.id }).update({ secret: seal('x', lost, { credentialId: row.id, field: 'secret' }), enableSecret: null, keyId: lost.id });
    const status = await cli(['keys', 'status']);
    expect(status.stderr).toContain(`1 credentials are sealed with key ${lost.id}, which is not in the keyring`);
    const verify = await cli(['keys', 'verify']);
    expect(verify.stderr).toContain(`netraven: KEY_NOT_FOUND: 1 credentials do not open: "sw-3"`);
    const before = keyring.activeKey().id;
    const rotated = await cli(['keys', 'rotate']);
    expect(rotated.code).not.toBe(0);
    expect(rotated.stderr).toContain(`  "sw-3": KEY_NOT_FOUND: credential "sw-3" is sealed with key ${lost.id}, which is not in keyring ${keyring.file}`);
    expect(rotated.stderr).toContain('netraven: ROTATION_INCOMPLETE: 1 credentials could not be re-sealed');
    expect(keyring.load().keys.map((k) => k.id)).toEqual([keyring.activeKey().id]);
    expect(keyring.activeKey().id).not.toBe(before);
    expect((await db.knex('credentials').where({ name: 'sw-4' }).first()).keyId).toBe(keyring.activeKey().id);
  });

  it('no secret appears in any output above, in the job logs or anywhere in the database', async () => {
    const dump = await dumpDatabaseAsText(db.knex);
    expect(dump).toContain('re-sealed');
    const everything = transcript.join('\n') + dump;
    for (const [secret, enable] of known.values()) {
      for (const form of [...encodingsOf(secret), ...(enable ? encodingsOf(enable) : [])]) expect(everything).not.toContain(form);
    }
  });
});
