import { z } from 'zod';
import { NetRavenError } from '../errors.js';
import { netravenHome } from './paths.js';

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
});

export interface Environment {
  databaseUrl?: string;
  keyRotationDatabaseUrl?: string;
  home: string;
}

/** Reads and validates NetRaven's environment variables; a bad one names itself and the rule. */
export function loadEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const picked = Object.fromEntries(
    Object.entries({
      DATABASE_URL: env.DATABASE_URL,
      KEYROTATION_DATABASE_URL: env.KEYROTATION_DATABASE_URL,
      NETRAVEN_HOME: env.NETRAVEN_HOME,
    }).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const code = name.endsWith('DATABASE_URL') ? 'DATABASE_URL_INVALID' : 'CONFIG_INVALID';
    throw new NetRavenError(code, `${name} ${issue.message}; fix or unset it`);
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    keyRotationDatabaseUrl: parsed.data.KEYROTATION_DATABASE_URL,
    home: netravenHome(env),
  };
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
