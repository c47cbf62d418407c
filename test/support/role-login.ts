import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createKnex } from '../../src/db/connection.js';
import { adminQuery } from './database.js';

/** A LOGIN user that is a member of one NetRaven group role, connected to the test database. */
export interface RoleLogin {
  name: string;
  url: string;
  knex: Knex;
  drop(): Promise<void>;
}

/** Creates a login user IN ROLE `group` for the given database and connects as it. */
export async function loginAs(group: 'netraven_app' | 'netraven_readonly' | 'netraven_keyrotation', databaseUrl: string): Promise<RoleLogin> {
  const name = `t_${group.replace('netraven_', '')}_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await adminQuery(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE ${group}`);
  const url = new URL(databaseUrl);
  url.username = name;
  url.password = password;
  const knex = createKnex(url.toString(), 2);
  return {
    name,
    url: url.toString(),
    knex,
    async drop() {
      await knex.destroy();
      await adminQuery(`DROP OWNED BY ${name}`).catch(() => undefined);
      await adminQuery(`DROP ROLE IF EXISTS ${name}`);
    },
  };
}
