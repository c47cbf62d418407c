import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, transcript } from '../../support/cli.js';
import { dumpDatabaseAsText, encodingsOf } from '../../support/database-dump.js';
import { createEmptyDatabase, useTestDatabase } from '../../support/database.js';
import { tempDir } from '../../support/keyring.js';

const SECRETS = ['Corr3ct-Horse!', 'En@ble-Battery', 'Staple#2-backup', 'R0tated-secret'] as const;

describe('netraven credentials (real CLI)', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-cli-');
  const keyFile = path.join(home, 'keys', 'keyring.json');
  const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile, ...extra });
  const cli = (args: string[], stdin?: string, extra?: Record<string, string>) => runCli(args, { env: env(extra), input: stdin });
  const snapshot = () => db.knex('credentials').select('*').orderBy('id');

  it('db init creates the keyring (mode 0600) once and says to back it up', async () => {
    const first = await cli(['db', 'init']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`created keyring ${keyFile}`);
    expect(first.stderr).toContain(`back up ${keyFile} now`);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const again = await cli(['db', 'init']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('created keyring');
  });

  it('adds credentials reading the secrets from piped stdin', async () => {
    const added = await cli(['credentials', 'add', '--name', 'core-admin', '--username', 'admin', '--tag', 'core', '--tag', 'edge', '--priority', '10', '--enable'], `${SECRETS[0]}\n${SECRETS[1]}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('added credential "core-admin" (user "admin", priority 10, tags: core, edge)\n');
    const backup = await cli(['credentials', 'add', '--name', 'backup', '--username', 'bk'], `${SECRETS[2]}\n`);
    expect(backup.code, backup.stderr).toBe(0);
    const row = await db.knex('credentials').where({ name: 'core-admin' }).first();
    expect(row.enableSecret).not.toBeNull();
  });

  it('refuses a duplicate name, an empty secret and a missing enable secret, touching no credential', async () => {
    const before = await snapshot();
    const duplicate = await cli(['credentials', 'add', '--name', 'CORE-ADMIN', '--username', 'x'], 'other\n');
    expect(duplicate.code).toBe(65);
    expect(duplicate.stderr).toBe('netraven: CREDENTIAL_EXISTS: a credential named "CORE-ADMIN" already exists (names ignore case): choose another name or change it with `netraven credentials update`\n');
    const empty = await cli(['credentials', 'add', '--name', 'empty', '--username', 'x'], '');
    expect(empty.code).toBe(65);
    expect(empty.stderr).toContain('SECRET_EMPTY: the secret of credential "empty" is empty');
    const noEnable = await cli(['credentials', 'add', '--name', 'half', '--username', 'x', '--enable'], 'only-one-line\n');
    expect(noEnable.code).toBe(65);
    expect(noEnable.stderr).toContain('SECRET_EMPTY: the enable secret of credential "half" is empty');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses hostile names without breaking the output, and never takes a secret from arguments', async () => {
    const before = await snapshot();
    const escape = await cli(['credentials', 'add', '--name', 'evil\x1b[2J\x07', '--username', 'x'], 'pw\n');
    expect(escape.code).toBe(65);
    expect(escape.stderr).toContain('"evil\\u001b[2J\\u0007"');
    expect(escape.stderr + escape.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    const long = await cli(['credentials', 'add', '--name', 'n'.repeat(3000), '--username', 'x'], 'pw\n');
    expect(long.code).toBe(65);
    expect(long.stderr.length).toBeLessThan(300);
    const inline = await cli(['credentials', 'add', '--name', 'a', '--username', 'b', `--password=${SECRETS[3]}`]);
    const spaced = await cli(['credentials', 'add', '--name', 'a', '--username', 'b', '--secret', SECRETS[3]]);
    const positional = await cli(['credentials', 'add', '--name', 'a', '--username', 'b', SECRETS[3]]);
    for (const refused of [inline, spaced, positional]) {
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).not.toContain(SECRETS[3]);
    }
    expect(inline.stderr).toContain("unknown option '--password=…'");
    expect(await snapshot()).toEqual(before);
  });

  it('lists without secrets, as a table or JSON, with keyset paging', async () => {
    const table = await cli(['credentials', 'list']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+USERNAME\s+LOGIN\s+PRIORITY\s+TAGS\s+ENABLE/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['backup', 'core-admin']);
    const page = await cli(['credentials', 'list', '--json', '--limit', '1']);
    const first = JSON.parse(page.stdout);
    expect(first.items.map((c: { name: string }) => c.name)).toEqual(['backup']);
    expect(first.next).toBe('backup');
    expect(Object.keys(first.items[0])).not.toContain('secret');
    const rest = JSON.parse((await cli(['credentials', 'list', '--json', '--limit', '1', '--after', first.next])).stdout);
    expect(rest).toEqual({ items: [expect.objectContaining({ name: 'core-admin', tags: ['core', 'edge'], hasEnableSecret: true })], next: null });
  });

  it('tags, untags, updates a secret from stdin, and removes', async () => {
    expect((await cli(['credentials', 'tag', 'backup', 'dc1', 'core'])).stdout).toBe('tagged credential "backup" (user "bk", priority 100, tags: core, dc1)\n');
    expect((await cli(['credentials', 'untag', 'backup', 'dc1'])).stdout).toContain('tags: core)');
    const badTag = await cli(['credentials', 'tag', 'backup', 'bad tag']);
    expect(badTag.code).toBe(65);
    const before = (await db.knex('credentials').where({ name: 'backup' }).first()).secret;
    const updated = await cli(['credentials', 'update', 'backup', '--secret', '--priority', '5'], `${SECRETS[3]}\n`);
    expect(updated.code, updated.stderr).toBe(0);
    expect((await db.knex('credentials').where({ name: 'backup' }).first()).secret.equals(before)).toBe(false);
    expect((await cli(['keys', 'verify'])).stdout).toBe(`2 of 2 credentials open with ${keyFile}\n`);
    const nothing = await cli(['credentials', 'update', 'backup']);
    expect(nothing.code).toBe(65);
    expect((await cli(['credentials', 'remove', 'ghost'])).code).toBe(66);
    await cli(['credentials', 'add', '--name', 'temp', '--username', 'x'], 'pw-temp\n');
    const removed = await cli(['credentials', 'remove', 'TEMP']);
    expect(removed.stdout).toBe('removed credential "TEMP"\n');
    expect(await db.knex('credentials').where({ name: 'temp' }).first()).toBeUndefined();
  });

  it('names the keyring file when it is missing, malformed, loose or has no active key, and changes nothing', async () => {
    const before = await snapshot();
    const missing = await cli(['credentials', 'add', '--name', 'n1', '--username', 'x'], 'pw\n', { NETRAVEN_KEY_FILE: path.join(home, 'nope.json') });
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain(`KEYRING_MISSING: keyring ${path.join(home, 'nope.json')} does not exist`);
    const folder = tempDir();
    const unreadable = await cli(['keys', 'verify'], undefined, { NETRAVEN_KEY_FILE: folder });
    expect(unreadable.code).toBe(74);
    expect(unreadable.stderr).toContain(`KEYRING_UNREADABLE: keyring ${folder} cannot be read`);
    const malformed = path.join(tempDir(), 'keyring.json');
    fs.writeFileSync(malformed, '{"format":', { mode: 0o600 });
    expect((await cli(['keys', 'status'], undefined, { NETRAVEN_KEY_FILE: malformed })).stderr).toContain(`KEYRING_INVALID: keyring ${malformed} is not valid JSON`);
    const retired = path.join(tempDir(), 'keyring.json');
    const json = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    fs.writeFileSync(retired, JSON.stringify({ ...json, keys: json.keys.map((k: object) => ({ ...k, state: 'retiring' })) }), { mode: 0o600 });
    const noActive = await cli(['credentials', 'add', '--name', 'n2', '--username', 'x'], 'pw\n', { NETRAVEN_KEY_FILE: retired });
    expect(noActive.stderr).toContain(`KEYRING_INVALID: keyring ${retired} has 0 active keys`);
    fs.chmodSync(keyFile, 0o644);
    try {
      // Refused by default, for every command that reads the keyring, with one line saying how to fix or allow it.
      for (const command of [['keys', 'status'], ['credentials', 'add', '--name', 'n3', '--username', 'x']]) {
        const loose = await cli(command, 'pw\n');
        expect(loose.code).toBe(77);
        expect(loose.stderr).toBe(
          `netraven: KEYRING_INSECURE: keyring ${keyFile} is readable or writable by group/others (mode 644): run \`chmod 600 ${keyFile}\` (or allow it explicitly with --allow-insecure-keyring or NETRAVEN_KEYRING_ALLOW_INSECURE=1)\n`,
        );
      }
      // Allowed explicitly (flag or environment), with a warning; --strict refuses even then.
      const flag = await cli(['--allow-insecure-keyring', 'keys', 'status']);
      expect(flag.code, flag.stderr).toBe(0);
      expect(flag.stderr).toContain(`warning: keyring ${keyFile} is readable or writable by group/others (mode 644), allowed by`);
      const variable = await cli(['keys', 'status'], undefined, { NETRAVEN_KEYRING_ALLOW_INSECURE: '1' });
      expect(variable.code, variable.stderr).toBe(0);
      expect(variable.stderr).toContain('anyone who can read it can open every credential');
      const strict = await cli(['--strict', 'credentials', 'add', '--name', 'n3', '--username', 'x'], 'pw\n', { NETRAVEN_KEYRING_ALLOW_INSECURE: '1' });
      expect(strict.code).toBe(77);
      expect(strict.stderr).toContain('KEYRING_INSECURE');
    } finally {
      fs.chmodSync(keyFile, 0o600);
    }
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('db init and start refuse to make a new keyring while credentials exist; start makes one for a new database', async () => {
    const lost = path.join(home, 'lost.json');
    for (const command of [['db', 'init'], ['start']]) {
      const refused = await cli(command, undefined, { NETRAVEN_KEY_FILE: lost });
      expect(refused.code).toBe(78);
      expect(refused.stderr).toContain(`keyring ${lost} does not exist but the database holds 2 sealed credentials: restore the keyring from your backup`);
    }
    expect(fs.existsSync(lost)).toBe(false);
    const empty = await createEmptyDatabase();
    try {
      const fresh = path.join(home, 'fresh.json');
      const start = await cli(['start'], undefined, { DATABASE_URL: empty.url, NETRAVEN_KEY_FILE: fresh });
      expect(start.code, start.stderr).toBe(0);
      expect(start.stdout).toContain(`created keyring ${fresh}`);
      expect(start.stderr).toContain(`back up ${fresh} now`);
      expect(fs.statSync(fresh).mode & 0o777).toBe(0o600);
    } finally {
      await empty.drop();
    }
  });

  it('no secret appears in any output of any command run above, nor in the database', async () => {
    const dump = await dumpDatabaseAsText(db.knex);
    expect(dump).toContain('core-admin');
    const everything = transcript.join('\n') + dump;
    expect(transcript.length).toBeGreaterThan(25);
    for (const secret of SECRETS) for (const form of encodingsOf(secret)) expect(everything).not.toContain(form);
  });
});
