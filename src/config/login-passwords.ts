/**
 * The database logins of a deployment's services and where their passwords come from:
 * NETRAVEN_LOGIN_PASSWORD_FILES, read by `netraven db init`, e.g.
 *   netraven_daemon=/run/secrets/netraven_daemon_password,netraven_rotator=/run/secrets/netraven_rotator_password
 */
import { NetRavenError } from '../errors.js';
import { readSecretFile } from './secret-file.js';

/** Each service login and the one group role it is a member of (grants: knex/migrations baseline). */
export const SERVICE_LOGINS = {
  /** The daemons: run jobs and schedules, retrieve devices. */
  netraven_daemon: 'netraven_app',
  /** The SSH console: launches retrievals, edits devices, credentials and settings. */
  netraven_console: 'netraven_app',
  /** `keys rotate`: re-seals credentials, its own jobs and job logs, nothing else. */
  netraven_rotator: 'netraven_keyrotation',
} as const;

export type ServiceLogin = keyof typeof SERVICE_LOGINS;

/** A login, its group role and its password (held in memory only). */
export interface LoginPassword {
  login: ServiceLogin;
  group: (typeof SERVICE_LOGINS)[ServiceLogin];
  password: string;
}

const VARIABLE = 'NETRAVEN_LOGIN_PASSWORD_FILES';
const MIN_LENGTH = 16;
// Printable ASCII: identical before and after SASLprep, so every client (node-postgres,
// libpq) derives the same SCRAM keys as the verifier NetRaven stores.
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

function isServiceLogin(name: string): name is ServiceLogin {
  return Object.hasOwn(SERVICE_LOGINS, name);
}

/**
 * Reads NETRAVEN_LOGIN_PASSWORD_FILES (`login=file` pairs separated by commas) and every file it
 * names. All files are read before anything is changed, so a bad one stops `db init` early.
 * @returns one entry per login named; empty when the variable is unset
 * @throws CONFIG_INVALID (syntax, unknown or repeated login), SECRET_FILE_INVALID (a file is
 *   missing, unreadable or empty, or its password is shorter than 16 or not printable ASCII)
 */
export function readLoginPasswords(env: NodeJS.ProcessEnv = process.env): LoginPassword[] {
  const text = env[VARIABLE]?.trim();
  if (!text) return [];
  const seen = new Set<string>();
  return text.split(',').map((pair) => pair.trim()).filter((pair) => pair !== '').map((pair) => {
    const eq = pair.indexOf('=');
    const login = eq > 0 ? pair.slice(0, eq).trim() : '';
    const file = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (login === '' || file === '') {
      throw new NetRavenError('CONFIG_INVALID', `${VARIABLE} must be login=file pairs separated by commas (e.g. netraven_daemon=/run/secrets/netraven_daemon_password): fix ${JSON.stringify(pair.slice(0, 60))}`);
    }
    if (!isServiceLogin(login)) {
      throw new NetRavenError('CONFIG_INVALID', `${VARIABLE} names the login ${JSON.stringify(login.slice(0, 60))}: NetRaven's service logins are ${Object.keys(SERVICE_LOGINS).join(', ')}`);
    }
    if (seen.has(login)) throw new NetRavenError('CONFIG_INVALID', `${VARIABLE} names ${login} twice: keep one password file per login`);
    seen.add(login);
    const password = readSecretFile(file, `${VARIABLE} (${login})`);
    if (password.length < MIN_LENGTH || !PRINTABLE_ASCII.test(password)) {
      throw new NetRavenError('SECRET_FILE_INVALID', `${VARIABLE} (${login}): ${file} must hold at least ${MIN_LENGTH} printable ASCII characters: generate one with \`openssl rand -base64 32 > ${file}\``, { details: { file } });
    }
    return { login, group: SERVICE_LOGINS[login], password };
  });
}
