import { z } from 'zod';
import { NetRavenError } from '../errors.js';
import { netravenHome } from './paths.js';
import { readSecretFile } from './secret-file.js';
import { assertTlsFilesReadable } from './tls-parameters.js';

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must look like postgres://user:password@host:5432/database');

const schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  KEYROTATION_DATABASE_URL: postgresUrl.optional(),
  NETRAVEN_HOME: z.string().min(1).optional(),
  DATABASE_PASSWORD_FILE: z.string().min(1).optional(),
  KEYROTATION_DATABASE_PASSWORD_FILE: z.string().min(1).optional(),
});

export interface Environment {
  /** DATABASE_URL, with the password of DATABASE_PASSWORD_FILE put in when that is set. */
  databaseUrl?: string;
  keyRotationDatabaseUrl?: string;
  /** The password files the URLs' passwords came from, for messages. */
  databasePasswordFile?: string;
  keyRotationDatabasePasswordFile?: string;
  home: string;
}

/** Reads and validates NetRaven's environment variables; a bad one names itself and the rule. */
export function loadEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const picked = Object.fromEntries(
    Object.entries({
      DATABASE_URL: env.DATABASE_URL,
      KEYROTATION_DATABASE_URL: env.KEYROTATION_DATABASE_URL,
      NETRAVEN_HOME: env.NETRAVEN_HOME,
      DATABASE_PASSWORD_FILE: env.DATABASE_PASSWORD_FILE,
      KEYROTATION_DATABASE_PASSWORD_FILE: env.KEYROTATION_DATABASE_PASSWORD_FILE,
    }).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const code = name.endsWith('DATABASE_URL') ? 'DATABASE_URL_INVALID' : 'CONFIG_INVALID';
    throw new NetRavenError(code, `${name} ${issue.message}; fix or unset it`);
  }
  const data = parsed.data;
  return {
    databaseUrl: connectionUrl('DATABASE_URL', data.DATABASE_URL, data.DATABASE_PASSWORD_FILE),
    keyRotationDatabaseUrl: connectionUrl('KEYROTATION_DATABASE_URL', data.KEYROTATION_DATABASE_URL, data.KEYROTATION_DATABASE_PASSWORD_FILE),
    databasePasswordFile: data.DATABASE_PASSWORD_FILE,
    keyRotationDatabasePasswordFile: data.KEYROTATION_DATABASE_PASSWORD_FILE,
    home: netravenHome(env),
  };
}

/**
 * The connection string of one *_DATABASE_URL variable with the password of its
 * *_PASSWORD_FILE (a Docker secret) put in, so no password has to be in the environment;
 * its TLS files (sslrootcert…) are checked to be readable.
 */
function connectionUrl(variable: string, url: string | undefined, passwordFile: string | undefined): string | undefined {
  const fileVariable = variable.replace(/_URL$/, '_PASSWORD_FILE');
  if (url === undefined) {
    if (passwordFile !== undefined) throw new NetRavenError('CONFIG_INVALID', `${fileVariable} is set but ${variable} is not: set ${variable} (without a password) or unset ${fileVariable}`);
    return undefined;
  }
  assertTlsFilesReadable(url, variable);
  if (passwordFile === undefined) return url;
  const parsed = new URL(url);
  if (parsed.password !== '') throw new NetRavenError('CONFIG_INVALID', `${variable} has a password and ${fileVariable} is set too: keep only the file`);
  // Percent-encoded so that any character survives; node-postgres decodes it again.
  parsed.password = encodeURIComponent(readSecretFile(passwordFile, fileVariable));
  return parsed.toString();
}

/** A connection string with its password replaced, safe for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
