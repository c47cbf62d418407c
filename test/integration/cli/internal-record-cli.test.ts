import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEALING_KEYS_ROW } from '../../../src/credentials/keyring-identity.js';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { addCredentials } from '../../support/credentials.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';

// CLI runs take seconds each on a loaded machine.
const SLOW = 120_000;

/** The keyring identity record lives in system_settings but is no setting: no command shows or takes it, and it wakes no daemon. */
describe('the internal keyring identity record and the settings commands', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: tempDir(), NETRAVEN_KEY_FILE: keyring.file } });
  const record = async () => (await db.knex('system_settings').where({ key: SEALING_KEYS_ROW }).first('value', 'updatedAt')) as { value: unknown; updatedAt: Date };

  beforeAll(async () => {
    await addCredentials(db.knex, keyring, 1);
  });

  it('settings list (table and JSON, every page) never shows it', async () => {
    expect((await record()).value).toMatchObject({ keys: [{ id: keyring.activeKey().id, state: 'active' }] });
    const table = await cli(['settings', 'list', '--limit', '1000']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('retrieval.concurrency');
    expect(table.stdout).not.toContain('internal');
    expect(table.stdout).not.toContain(keyring.activeKey().id);
    const keys: string[] = [];
    for (let after: string | undefined; ; ) {
      const page = await cli(['settings', 'list', '--json', '--limit', '8', ...(after ? ['--after', after] : [])]);
      expect(page.code, page.stderr).toBe(0);
      const parsed = JSON.parse(page.stdout) as { items: Array<{ key: string }>; next: string | null };
      keys.push(...parsed.items.map((item) => item.key));
      if (parsed.next === null) break;
      after = parsed.next;
    }
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((key) => key.startsWith('internal.'))).toEqual([]);
  }, SLOW);

  it('settings get and set refuse it, and set changes nothing', async () => {
    const before = await record();
    const get = await cli(['settings', 'get', SEALING_KEYS_ROW]);
    expect(expectOneLineError(get, 'SETTING_UNKNOWN', 65)).toContain("is NetRaven's own record, not a setting");
    expect(get.stdout).toBe('');
    const set = await cli(['settings', 'set', SEALING_KEYS_ROW, JSON.stringify({ keys: [{ id: 'forged', state: 'active', recorded_at: 'now' }] })]);
    expect(expectOneLineError(set, 'SETTING_UNKNOWN', 65)).toContain("is NetRaven's own record, not a setting");
    const sneaky = await cli(['settings', 'set', 'internal.other', '1']);
    expect(expectOneLineError(sneaky, 'SETTING_UNKNOWN', 65)).toContain('"internal.other"');
    expect(await record()).toEqual(before);
    expect(await db.knex('system_settings').where({ key: 'internal.other' }).first()).toBeUndefined();
  }, SLOW);

  it('changing it sends no settings notice; changing a setting does', async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    try {
      const notices: string[] = [];
      let arrived: () => void = () => undefined;
      const insertSeen = new Promise<void>((resolve) => (arrived = resolve));
      listener.on('notification', (message) => {
        notices.push(`${message.channel}:${message.payload}`);
        if (message.payload === 'INSERT') arrived();
      });
      await listener.query('LISTEN netraven_settings');
      // The record changes (a rotation's write), then a setting is inserted. Notices arrive in
      // commit order, so a notice for the record would come before the INSERT one.
      await db.knex('system_settings').where({ key: SEALING_KEYS_ROW }).update({ value: (await record()).value });
      await db.knex('system_settings').insert({ key: 'test.marker', value: '1' });
      await insertSeen;
      expect(notices).toEqual(['netraven_settings:INSERT']);
    } finally {
      await db.knex('system_settings').where({ key: 'test.marker' }).delete();
      await listener.end();
    }
  });
});
