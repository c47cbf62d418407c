import fs from 'node:fs';
import { z } from 'zod';
import { NetRavenError } from '../errors.js';
import { KEY_BYTES, KEY_ID_PATTERN, activeKey, type Keyring } from './keyring.js';

const FORMAT = 'netraven-keyring';

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  keys: z
    .array(
      z.object({
        id: z.string().regex(KEY_ID_PATTERN, 'key ids are 1-64 letters, digits, "-" or "_"'),
        created_at: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'created_at must be an ISO date'),
        state: z.enum(['active', 'retiring']),
        key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, `key must be ${KEY_BYTES} bytes in base64`),
      }),
    )
    .min(1, 'the keyring holds no keys'),
});

export interface ReadOptions {
  /**
   * Accept, with a warning, a keyring group or others may read or write (refused otherwise):
   * the operator's explicit choice (`--allow-insecure-keyring`, NETRAVEN_KEYRING_ALLOW_INSECURE=1),
   * e.g. for a secret mount that cannot be made 0600.
   */
  allowInsecure?: boolean;
  warn?: (message: string) => void;
}

function unreadable(file: string, err: NodeJS.ErrnoException): NetRavenError {
  if (err.code === 'ENOENT') {
    return new NetRavenError('KEYRING_MISSING', `keyring ${file} does not exist: restore it from your backup (or set NETRAVEN_KEY_FILE to it); a new database gets one from \`netraven db init\``, {
      details: { file },
    });
  }
  return new NetRavenError('KEYRING_UNREADABLE', `keyring ${file} cannot be read (${err.code ?? err.message}): check that it is a file this user may read`, { cause: err, details: { file } });
}

function checkPermissions(file: string, mode: number, options: ReadOptions): void {
  if ((mode & 0o077) === 0) return;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  const loose = `keyring ${file} is readable or writable by group/others (mode ${octal})`;
  if (!options.allowInsecure) {
    throw new NetRavenError('KEYRING_INSECURE', `${loose}: run \`chmod 600 ${file}\` (or allow it explicitly with --allow-insecure-keyring or NETRAVEN_KEYRING_ALLOW_INSECURE=1)`, {
      details: { file },
    });
  }
  options.warn?.(`${loose}, allowed by NETRAVEN_KEYRING_ALLOW_INSECURE / --allow-insecure-keyring: anyone who can read it can open every credential; run \`chmod 600 ${file}\``);
}

/** Parses keyring text; every problem names the file and what is wrong. */
export function parseKeyring(file: string, text: string): Keyring {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new NetRavenError('KEYRING_INVALID', `keyring ${file} is not valid JSON: restore it from your backup`, { details: { file } });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new NetRavenError('KEYRING_INVALID', `keyring ${file} is not a NetRaven keyring${where}: ${issue.message}; restore it from your backup`, {
      details: { file },
    });
  }
  const ids = parsed.data.keys.map((key) => key.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new NetRavenError('KEYRING_INVALID', `keyring ${file} lists key ${duplicate} twice: restore it from your backup`, { details: { file } });
  const keyring: Keyring = {
    file,
    keys: parsed.data.keys.map((key) => ({
      id: key.id,
      createdAt: key.created_at,
      state: key.state,
      material: new Uint8Array(Buffer.from(key.key, 'base64')),
    })),
  };
  activeKey(keyring);
  return keyring;
}

/** Reads and validates the keyring file, checking its permissions first (KEYRING_INSECURE unless allowInsecure). */
export function readKeyringFile(file: string, options: ReadOptions = {}): Keyring {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    checkPermissions(file, stat.mode, options);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof NetRavenError) throw err;
    throw unreadable(file, err as NodeJS.ErrnoException);
  }
  return parseKeyring(file, text);
}

/** The file's JSON text for a keyring. */
export function serialiseKeyring(keyring: Keyring): string {
  const keys = keyring.keys.map((key) => ({
    id: key.id,
    created_at: key.createdAt,
    state: key.state,
    key: Buffer.from(key.material).toString('base64'),
  }));
  return `${JSON.stringify({ format: FORMAT, version: 1, keys }, null, 2)}\n`;
}
