/**
 * The service logins of a deployment (netraven_daemon, netraven_console, netraven_rotator), made
 * to match their password files: created when missing, each a member of exactly its group role,
 * without any power of its own (no superuser, createdb, createrole, replication, bypassrls).
 * Idempotent: a login that already matches is not touched, so a second `db init` changes nothing.
 */
import type { Knex } from 'knex';
import pg from 'pg';
import type { LoginPassword } from '../config/login-passwords.js';
import { NetRavenError } from '../errors.js';
import { scramVerifier, verifierMatches } from './scram-verifier.js';

const ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT';

interface RoleRow {
  rolcanlogin: boolean; rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean;
  rolreplication: boolean; rolbypassrls: boolean; rolinherit: boolean;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function attributesMatch(row: RoleRow): boolean {
  return row.rolcanlogin && row.rolinherit && !row.rolsuper && !row.rolcreatedb && !row.rolcreaterole && !row.rolreplication && !row.rolbypassrls;
}

/**
 * Whether the stored password of login is `password`: from pg_authid when this session may read
 * it (a superuser), else by logging in as it once (url names the server). Undefined when neither
 * can tell (the login attempt failed for another reason than the password).
 */
async function passwordMatches(trx: Knex.Transaction, login: string, password: string, url: string | undefined): Promise<boolean | undefined> {
  const readable = await trx.raw<{ rows: Array<{ ok: boolean }> }>("SELECT has_table_privilege('pg_authid', 'SELECT') AS ok");
  if (readable.rows[0]?.ok) {
    const { rows } = await trx.raw<{ rows: Array<{ rolpassword: string | null }> }>('SELECT rolpassword FROM pg_authid WHERE rolname = ?', [login]);
    return verifierMatches(rows[0]?.rolpassword ?? null, password);
  }
  if (url === undefined) return undefined;
  const target = new URL(url);
  target.username = login;
  target.password = encodeURIComponent(password);
  const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch (err) {
    return (err as { code?: string }).code === '28P01' ? false : undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function memberships(trx: Knex.Transaction, login: string): Promise<string[]> {
  const { rows } = await trx.raw<{ rows: Array<{ rolname: string }> }>(
    `SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles l ON l.oid = m.member
     WHERE l.rolname = ? ORDER BY 1`,
    [login],
  );
  return rows.map((row) => row.rolname);
}

async function ensureLogin(trx: Knex.Transaction, spec: LoginPassword, url: string | undefined): Promise<string[]> {
  const { login, group, password } = spec;
  const { rows } = await trx.raw<{ rows: RoleRow[] }>(
    'SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolinherit FROM pg_roles WHERE rolname = ?',
    [login],
  );
  if (rows.length === 0) {
    await trx.raw(`CREATE ROLE ${ident(login)} ${ATTRIBUTES} PASSWORD ${literal(scramVerifier(password))} IN ROLE ${ident(group)}`);
    return [`created login ${login} (in ${group})`];
  }
  const changes: string[] = [];
  if (!attributesMatch(rows[0]!)) {
    await trx.raw(`ALTER ROLE ${ident(login)} ${ATTRIBUTES}`);
    changes.push(`reset the attributes of login ${login} (${ATTRIBUTES})`);
  }
  const matches = await passwordMatches(trx, login, password, url);
  if (matches !== true) {
    await trx.raw(`ALTER ROLE ${ident(login)} PASSWORD ${literal(scramVerifier(password))}`);
    changes.push(matches === false ? `changed the password of login ${login}` : `set the password of login ${login} (the current one could not be checked)`);
  }
  const member = await memberships(trx, login);
  if (!member.includes(group)) {
    await trx.raw(`GRANT ${ident(group)} TO ${ident(login)}`);
    changes.push(`granted ${group} to ${login}`);
  }
  for (const other of member.filter((name) => name !== group)) {
    await trx.raw(`REVOKE ${ident(other)} FROM ${ident(login)}`);
    changes.push(`revoked ${other} from ${login} (a service login holds only its own group role)`);
  }
  return changes;
}

/**
 * Creates or updates the given service logins in one transaction (all or none).
 * @param url the connection string of this session, used to check a password by logging in
 *   when pg_authid cannot be read
 * @returns what changed, one line each (never a password); empty when everything matched
 * @throws CONFIG_INVALID when a login is the user `db init` runs as; DATABASE_PERMISSION_DENIED
 *   (from the caller's mapping) when this user may not create roles
 */
export async function ensureLogins(knex: Knex, logins: readonly LoginPassword[], url?: string): Promise<string[]> {
  if (logins.length === 0) return [];
  return knex.transaction(async (trx) => {
    const { rows } = await trx.raw<{ rows: Array<{ me: string }> }>('SELECT current_user AS me');
    const me = rows[0]!.me;
    const changes: string[] = [];
    for (const spec of logins) {
      if (spec.login === me) {
        throw new NetRavenError('CONFIG_INVALID', `NETRAVEN_LOGIN_PASSWORD_FILES names ${me}, the login db init runs as: run db init as the database owner, not as a service login`);
      }
      changes.push(...(await ensureLogin(trx, spec, url)));
    }
    return changes;
  });
}
