import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCli, transcript } from '../../support/cli.js';
import { dumpDatabaseAsText, encodingsOf } from '../../support/database-dump.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';
import { ed25519Key, encryptedKey, fingerprintOf, keyBodyLines, pkcs8Key, rsaPemKey, type TestKeyPair } from '../../support/private-keys.js';

const PASSPHRASE = 'Key-Passphrase#1';
const ENABLE = 'Enable-For-Key!';
const PASSWORD = 'Pl4in-password';
const SLOW = 180_000;

describe('netraven credentials with SSH keys, and keyring identity (real CLI)', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-cli-keys-');
  const keyFile = path.join(home, 'keyring.json');
  const cli = (args: string[], input?: string, extra: Record<string, string> = {}) =>
    runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile, ...extra }, input, timeoutMs: 90_000 });
  const files = tempDir('netraven-keyfiles-');
  const write = (name: string, content: string) => {
    const file = path.join(files, name);
    fs.writeFileSync(file, content, { mode: 0o600 });
    return file;
  };
  const snapshot = () => db.knex('credentials').select('*').orderBy('id');
  let keys: { plain: TestKeyPair; encrypted: TestKeyPair; piped: TestKeyPair; other: TestKeyPair };
  let device: SimulatedDevice;

  beforeAll(async () => {
    keys = { plain: ed25519Key(), encrypted: encryptedKey(PASSPHRASE), piped: rsaPemKey(), other: ed25519Key() };
    device = await startSimulatedDevice({ driver: 'juniper_junos', hostname: 'core-sw1', users: [{ username: 'netops', publicKey: keys.plain.publicKey }], authMethods: ['publickey'] });
  });
  afterAll(async () => {
    await device?.close();
  });

  it('adds key credentials from a file, an encrypted file with its passphrase and enable secret, and stdin', async () => {
    expect((await cli(['db', 'init'])).code).toBe(0);
    const plain = await cli(['credentials', 'add', '--name', 'edge-key', '--username', 'netops', '--tag', 'edge', '--key-file', write('id_ed25519', keys.plain.privateKey)]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe(`added credential "edge-key" (user "netops", SSH key ${fingerprintOf(keys.plain.publicKey)}, priority 100, tags: edge)\n`);
    const encrypted = await cli(['credentials', 'add', '--name', 'enc-key', '--username', 'netops', '--enable', '--key-file', write('id_enc', keys.encrypted.privateKey)], `${PASSPHRASE}\n${ENABLE}\n`);
    expect(encrypted.code, encrypted.stderr).toBe(0);
    const piped = await cli(['credentials', 'add', '--name', 'piped-key', '--username', 'netops', '--key-file', '-'], keys.piped.privateKey);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toContain(`SSH key ${fingerprintOf(keys.piped.publicKey)}`);

    const list = JSON.parse((await cli(['credentials', 'list', '--json'])).stdout) as { items: Array<Record<string, unknown>> };
    expect(list.items.map((c) => [c.name, c.method, c.keyFingerprint, c.hasEnableSecret])).toEqual([
      ['edge-key', 'key', fingerprintOf(keys.plain.publicKey), false],
      ['enc-key', 'key', fingerprintOf(keys.encrypted.publicKey), true],
      ['piped-key', 'key', fingerprintOf(keys.piped.publicKey), false],
    ]);
    expect((await cli(['credentials', 'list'])).stdout).toMatch(/\nedge-key\s+netops\s+key\s+100\s+edge\s/);
    const row = await db.knex('credentials').where({ name: 'enc-key' }).first();
    expect(row).toMatchObject({ secret: null, keyFingerprint: fingerprintOf(keys.encrypted.publicKey) });
    expect(row.privateKey.toString('latin1')).toMatch(/^v1\./);
    expect(row.keyPassphrase.toString('latin1')).toMatch(/^v1\./);
  }, SLOW);

  it('refuses a malformed, empty, public, PKCS#8, huge or misplaced key and a wrong passphrase: one line each, nothing stored', async () => {
    const before = await snapshot();
    const lines = keys.other.privateKey.trim().split('\n');
    const huge = path.join(files, 'huge.key');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 50 * 1024 * 1024);
    const cases: Array<[string[], string, string]> = [
      [['--key-file', write('truncated', `${lines.slice(0, 3).join('\n')}\n${lines.at(-1)}\n`)], '', 'the private key of credential "bad" cannot be read'],
      [['--key-file', write('empty', '')], '', 'the private key of credential "bad" is empty'],
      [['--key-file', write('id_enc_again', keys.encrypted.privateKey)], 'not the passphrase\n', 'does not open with the passphrase given'],
      [['--key-file', write('id_enc_nopass', keys.encrypted.privateKey)], '', 'is encrypted: give its passphrase'],
      [['--key-file', write('id_ed25519.pub', keys.other.publicKey)], '', 'is a public key: give the private key file'],
      [['--key-file', write('pkcs8.pem', pkcs8Key())], '', 'PKCS#8'],
      [['--key-file', huge], '', `holds ${50 * 1024 * 1024} bytes: a private key is at most 16384 bytes`],
      [['--key-file', keys.other.privateKey], '', 'not the key itself: keys are never taken from arguments'],
      [['--key-file', path.join(files, 'nope')], '', 'does not exist'],
      [['--key-file', '-'], `${'A'.repeat(40_000)}\n`, 'stdin holds more than'],
    ];
    for (const [args, input, message] of cases) {
      const result = await cli(['credentials', 'add', '--name', 'bad', '--username', 'x', ...args], input);
      expect(expectOneLineError(result, 'INPUT_INVALID', 65), args.join(' ').slice(0, 80)).toContain(message);
    }
    expect(await snapshot()).toEqual(before);
  }, SLOW);

  it('a foreign keyring is refused by add, update, rotate, verify and retrieve with one line naming both key ids; a loose one too', async () => {
    expect((await cli(['devices', 'add', 'edge-fw1', '--ip', device.host, '--port', String(device.port), '--type', 'juniper_junos', '--tag', 'edge'])).code).toBe(0);
    const before = await snapshot();
    const jobs = await db.knex('jobs').count('* as n');
    const foreign = tempKeyring();
    const foreignText = fs.readFileSync(foreign.file);
    const record = (await db.knex('system_settings').where({ key: 'internal.sealing_keys' }).first()).value as { keys: Array<{ id: string; state: string }> };
    const databaseKey = record.keys.find((key) => key.state === 'active')!.id;
    expect(databaseKey).toBe(JSON.parse(fs.readFileSync(keyFile, 'utf8')).keys[0].id);
    const message = `keyring ${foreign.file} (active key ${foreign.activeKey().id}) does not hold this database's active key ${databaseKey}`;
    const keyPath = write('id_other', keys.other.privateKey);
    for (const [args, input] of [
      [['credentials', 'add', '--name', 'x', '--username', 'x', '--key-file', keyPath], ''],
      [['credentials', 'add', '--name', 'x', '--username', 'x'], `${PASSWORD}\n`],
      [['credentials', 'update', 'edge-key', '--key-file', keyPath], ''],
      [['keys', 'rotate'], ''],
      [['keys', 'verify'], ''],
      [['retrieve', '--all'], ''],
    ] as Array<[string[], string]>) {
      const result = await cli(args, input, { NETRAVEN_KEY_FILE: foreign.file });
      expect(expectOneLineError(result, 'KEYRING_FOREIGN', 78), args.join(' ')).toContain(message);
    }
    const status = await cli(['keys', 'status'], undefined, { NETRAVEN_KEY_FILE: foreign.file });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`database    active key ${databaseKey}`);
    expect(status.stderr).toContain(`this keyring does not hold the database's active key ${databaseKey}`);
    expect(fs.readFileSync(foreign.file).equals(foreignText)).toBe(true);
    expect(await db.knex('jobs').count('* as n')).toEqual(jobs);

    fs.chmodSync(keyFile, 0o644);
    try {
      expect(expectOneLineError(await cli(['credentials', 'add', '--name', 'x', '--username', 'x', '--key-file', keyPath]), 'KEYRING_INSECURE', 77)).toContain('mode 644');
    } finally {
      fs.chmodSync(keyFile, 0o600);
    }
    expect(await snapshot()).toEqual(before);
  }, SLOW);

  it('retrieves a device that accepts only the key; after a key rotation it still does, and verify opens every key', async () => {
    const first = await cli(['retrieve', '--device', 'edge-fw1', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { jobId: string; devices: Array<{ credential: string; status: string }> };
    expect(summary.devices).toEqual([expect.objectContaining({ status: 'changed', credential: 'edge-key' })]);
    const logs = await cli(['jobs', 'logs', summary.jobId]);
    expect(logs.stdout).toContain('authenticated as credential "edge-key" (user "netops", SSH key)');
    expect(logs.stdout).toContain('credentials tried: "edge-key" (accepted)');

    const before = await db.knex('credentials').where({ name: 'enc-key' }).first('privateKey', 'keyPassphrase', 'keyId');
    const rotated = await cli(['keys', 'rotate']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const after = await db.knex('credentials').where({ name: 'enc-key' }).first('privateKey', 'keyPassphrase', 'keyId');
    expect(after.keyId).not.toBe(before.keyId);
    expect(after.privateKey.equals(before.privateKey)).toBe(false);
    expect(after.keyPassphrase.equals(before.keyPassphrase)).toBe(false);
    expect((await cli(['keys', 'verify'])).stdout).toBe(`3 of 3 credentials open with ${keyFile}\n`);
    const again = await cli(['retrieve', '--device', 'edge-fw1']);
    expect(again.code, again.stderr).toBe(0);
  }, SLOW);

  it('update turns a key credential into a password one and back', async () => {
    const toPassword = await cli(['credentials', 'update', 'piped-key', '--secret'], `${PASSWORD}\n`);
    expect(toPassword.code, toPassword.stderr).toBe(0);
    expect(toPassword.stdout).toBe('updated credential "piped-key" (user "netops", priority 100, tags: none)\n');
    expect(await db.knex('credentials').where({ name: 'piped-key' }).first('privateKey', 'keyPassphrase', 'keyFingerprint')).toEqual({ privateKey: null, keyPassphrase: null, keyFingerprint: null });
    const toKey = await cli(['credentials', 'update', 'piped-key', '--key-file', write('id_enc_update', keys.encrypted.privateKey)], `${PASSPHRASE}\n`);
    expect(toKey.code, toKey.stderr).toBe(0);
    expect(toKey.stdout).toContain(`SSH key ${fingerprintOf(keys.encrypted.publicKey)}`);
    expect((await db.knex('credentials').where({ name: 'piped-key' }).first('secret')).secret).toBeNull();
    const both = await cli(['credentials', 'update', 'piped-key', '--secret', '--key-file', write('id_x', keys.other.privateKey)], `${PASSWORD}\n`);
    expect(both.code).not.toBe(0);
    expect((await cli(['keys', 'verify'])).code).toBe(0);
  }, SLOW);

  it('no private key, passphrase, password or enable secret in any output above, any job log or any table', async () => {
    const dump = await dumpDatabaseAsText(db.knex);
    expect(dump).toContain('credentials tried');
    const everything = `${transcript.join('\n')}\n${dump}`;
    expect(transcript.length).toBeGreaterThan(30);
    for (const pair of Object.values(keys)) for (const line of keyBodyLines(pair.privateKey)) expect(everything).not.toContain(line);
    for (const secret of [PASSPHRASE, ENABLE, PASSWORD]) for (const form of encodingsOf(secret)) expect(everything).not.toContain(form);
  });
});
