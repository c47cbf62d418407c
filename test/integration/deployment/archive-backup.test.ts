import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/db/connection.js';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { expectAllOpen, type KnownSecrets } from '../../support/credentials.js';
import { createEmptyDatabase, useTestDatabase } from '../../support/database.js';
import { fillEveryTable, snapshotTables } from '../../support/fill-database.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';
import { postgresUser } from '../../support/shipped-postgres.js';

/** An archive's lines rewritten by edit, with a checksum line that matches them again (or not, with keepChecksum). */
function rewrite(source: string, target: string, edit: (lines: string[]) => string[], keepChecksum = false): string {
  const lines = gunzipSync(fs.readFileSync(source)).toString('utf8').split('\n').filter((l) => l !== '');
  const closing = lines.pop()!;
  const body = edit(lines).map((l) => `${l}\n`).join('');
  const checksum = keepChecksum ? `${closing}\n` : `${JSON.stringify(['Z', { sha256: createHash('sha256').update(body).digest('hex') }])}\n`;
  fs.writeFileSync(target, gzipSync(body + checksum));
  return target;
}

async function isInitialised(url: string): Promise<boolean> {
  const knex = createKnex(url, 1);
  try {
    return (await knex.raw("SELECT to_regclass('public.knex_migrations') IS NOT NULL AS t")).rows[0].t as boolean;
  } finally {
    await knex.destroy();
  }
}

describe('netraven db backup / db restore: a portable, checksummed archive of every table', () => {
  const db = useTestDatabase();
  const dir = tempDir('netraven-archive-');
  const keyring = tempKeyring();
  const targets: Array<{ url: string; drop(): Promise<void> }> = [];
  let known: KnownSecrets;
  let archive: string;
  const cli = (args: string[], url: string, extra: Record<string, string> = {}) => runCli(args, { env: { DATABASE_URL: url, NETRAVEN_KEY_FILE: keyring.file, ...extra } });
  const emptyTarget = async () => {
    const target = await createEmptyDatabase();
    targets.push(target);
    return target;
  };

  beforeAll(async () => {
    known = await fillEveryTable(db.knex, keyring);
  });
  afterAll(async () => {
    for (const target of targets) await target.drop();
  });

  it('backup → restore into a new database: every row of every table identical, every credential opens with the same keyring', async () => {
    const before = await snapshotTables(db.knex);
    expect(Object.values(before).every((rows) => rows.length > 0)).toBe(true);
    const backup = await cli(['db', 'backup', '--out', path.join(dir, 'full.jsonl.gz')], db.url);
    expect(backup.code, backup.stderr).toBe(0);
    archive = backup.stdout.trim();
    expect(archive).toBe(path.join(dir, 'full.jsonl.gz'));
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
    expect(backup.stderr).toMatch(/^wrote \d+ rows of \d+ tables \(schema 20261128000000_baseline, \d+ bytes\)\n/);
    expect(backup.stderr).toContain(`netraven: warning: the keyring is not in this backup: back up ${keyring.file} separately`);
    expect(await snapshotTables(db.knex)).toEqual(before);

    const target = await emptyTarget();
    const restore = await cli(['db', 'restore', archive], target.url);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(new RegExp(`^restored \\d+ rows into \\d+ tables from ${archive} \\(made \\S+, schema 20261128000000_baseline\\)\\n$`));
    expect(restore.stderr).toContain('the keyring is not in the backup: put the keyring saved with it at');

    const knex = createKnex(target.url, 2);
    try {
      expect(await snapshotTables(knex)).toEqual(before);
      await expectAllOpen(knex, keyring.file, known);
      // Identity columns continue after the restored ids.
      const [{ max }] = (await knex('job_logs').max('id as max')) as [{ max: string }];
      const [{ id }] = (await knex('job_logs').insert({ jobId: '00000000-0000-4000-8000-000000000003', message: 'after restore' }).returning('id')) as [{ id: string }];
      expect(Number(id)).toBeGreaterThan(Number(max));

      const again = await cli(['db', 'restore', archive], target.url);
      expect(expectOneLineError(again, 'RESTORE_TARGET_NOT_EMPTY', 73)).toContain('the database already holds data (5 credentials');
      const after = await snapshotTables(knex);
      expect(after.devices).toEqual(before.devices);
      expect(after.job_logs).toHaveLength(before.job_logs!.length + 1);
    } finally {
      await knex.destroy();
    }
  });

  it('a damaged, truncated or foreign file is refused in one line before the target is touched', async () => {
    const bytes = fs.readFileSync(archive);
    const write = (name: string, content: Buffer | string) => {
      fs.writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    };
    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(flipped.length >> 1) ^ 0xff, flipped.length >> 1);
    const cases: Array<[string, string, RegExp]> = [
      [write('cut.gz', bytes.subarray(0, bytes.length - 100)), 'BACKUP_INVALID', /is not a complete gzip file|truncated/],
      [write('flipped.gz', flipped), 'BACKUP_INVALID', /is not a complete gzip file|damaged|checksum/],
      [write('plain.txt', 'hostname,ip\n'), 'BACKUP_INVALID', /is not a complete gzip file/],
      [write('other.gz', gzipSync('{"hello": "world"}\n')), 'BACKUP_INVALID', /is damaged at line 1|is not a NetRaven backup/],
      [write('empty.gz', gzipSync('')), 'BACKUP_INVALID', /is empty/],
      [rewrite(archive, path.join(dir, 'edited.gz'), (l) => l.map((x) => x.replace('core-sw1', 'evil-sw1')), true), 'BACKUP_INVALID', /fails its checksum/],
      [rewrite(archive, path.join(dir, 'no-end.gz'), (l) => l.slice(0, -3)), 'BACKUP_INVALID', /damaged at line|truncated/],
      [rewrite(archive, path.join(dir, 'format.gz'), (l) => [l[0]!.replace('"formatVersion":1', '"formatVersion":2'), ...l.slice(1)]), 'BACKUP_INVALID', /archive format 2, this NetRaven reads 1/],
      [rewrite(archive, path.join(dir, 'schema.gz'), (l) => [l[0]!.replace('20261128000000_baseline', '20270101000000_next'), ...l.slice(1)]), 'BACKUP_SCHEMA_MISMATCH', /was made from schema 20270101000000_next; this NetRaven has schema 20261128000000_baseline/],
      [path.join(dir, 'nonexistent.gz'), 'BACKUP_INVALID', /cannot read .* \(ENOENT\)/],
    ];
    fs.writeFileSync(path.join(dir, 'trailing.gz'), Buffer.concat([bytes, gzipSync('["R",{}]\n')]));
    cases.push([path.join(dir, 'trailing.gz'), 'BACKUP_INVALID', /has data after its checksum line/]);
    const target = await emptyTarget();
    for (const [file, code, message] of cases) {
      const result = await cli(['db', 'restore', file], target.url);
      expect(expectOneLineError(result, code, 65), file).toMatch(message);
    }
    expect(await isInitialised(target.url)).toBe(false);
  }, 180_000);

  it('a target whose tables differ from the archive is refused and left as it was', async () => {
    const target = await emptyTarget();
    expect((await cli(['db', 'init'], target.url)).code).toBe(0);
    const knex = createKnex(target.url, 1);
    try {
      await knex.raw('ALTER TABLE devices ADD COLUMN rack text');
      const before = await snapshotTables(knex);
      expect(expectOneLineError(await cli(['db', 'restore', archive], target.url), 'BACKUP_SCHEMA_MISMATCH', 65)).toContain('has other columns in table devices than this database');
      expect(await snapshotTables(knex)).toEqual(before);
    } finally {
      await knex.destroy();
    }
  });

  it('db backup writes to NETRAVEN_BACKUP_DIR by default, never overwrites, and says when it cannot write', async () => {
    const backups = path.join(dir, 'backups');
    const made = await cli(['db', 'backup'], db.url, { NETRAVEN_BACKUP_DIR: backups });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.trim()).toMatch(new RegExp(`^${backups}/netraven-\\d{8}T\\d{6}Z\\.jsonl\\.gz$`));

    const existing = path.join(dir, 'existing.gz');
    fs.writeFileSync(existing, 'keep me');
    expect(expectOneLineError(await cli(['db', 'backup', '--out', existing], db.url), 'BACKUP_WRITE_FAILED', 73)).toContain('already exists: choose another --out');
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');

    expect(expectOneLineError(await cli(['db', 'backup', '--out', path.join(existing, 'x.gz')], db.url), 'BACKUP_WRITE_FAILED', 73)).toContain('cannot be written (ENOTDIR)');

    const user = postgresUser();
    if (user) {
      // The `backups` folder a container's user cannot write (root could write anywhere).
      const locked = path.join(dir, 'locked');
      fs.mkdirSync(locked, { mode: 0o755 });
      fs.chmodSync(dir, 0o755);
      const result = await runCli(['db', 'backup', '--out', path.join(locked, 'x.gz')], { env: { DATABASE_URL: db.url, NETRAVEN_HOME: locked }, ...user });
      expect(expectOneLineError(result, 'BACKUP_WRITE_FAILED', 73)).toContain(`cannot be written (EACCES): make ${locked} writable by uid ${user.uid}`);
      expect(fs.readdirSync(locked)).toEqual([]);
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('the embedded database: backup in one NETRAVEN_HOME, restore into a new one', async () => {
    const homeA = tempDir('netraven-embedded-a-');
    const homeB = tempDir('netraven-embedded-b-');
    for (const home of [homeA, homeB]) fs.chmodSync(home, 0o711);
    const embedded = (home: string, args: string[], input?: string) => runCli(args, { env: { NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(homeA, 'keyring.json') }, input, timeoutMs: 120_000 });
    expect((await embedded(homeA, ['db', 'init'])).code).toBe(0);
    expect((await embedded(homeA, ['devices', 'add', 'lab-1', '--ip', '192.0.2.77', '--type', 'vyos'])).code).toBe(0);
    expect((await embedded(homeA, ['credentials', 'add', '--name', 'lab', '--username', 'vyos'], 'lab-secret\n')).code).toBe(0);
    const file = path.join(homeA, 'embedded.jsonl.gz');
    const backup = await embedded(homeA, ['db', 'backup', '--out', file]);
    expect(backup.code, backup.stderr).toBe(0);

    const restore = await embedded(homeB, ['db', 'restore', file]);
    expect(restore.code, restore.stderr).toBe(0);
    expect((await embedded(homeB, ['devices', 'list'])).stdout).toMatch(/^lab-1 +192\.0\.2\.77:22 +vyos +default /m);
    expect((await embedded(homeB, ['keys', 'verify'])).stdout).toContain('1 of 1 credentials open');
  }, 240_000);
});

