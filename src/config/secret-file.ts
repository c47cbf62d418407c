/** Secrets handed to NetRaven as files (Docker secrets, /run/secrets/…), never as values in the environment. */
import fs from 'node:fs';
import { NetRavenError } from '../errors.js';

/** Longer than any password PostgreSQL or a person uses; a bigger file is the wrong file. */
const MAX_SECRET_BYTES = 1024;

function unreadable(variable: string, file: string, err: NodeJS.ErrnoException): NetRavenError {
  const uid = process.getuid?.();
  const fix: Record<string, string> = {
    ENOENT: 'does not exist: create it (docs/operations.md, "Secrets") or fix the path',
    EACCES: `cannot be read by uid ${uid ?? '?'}: give it to that user (chown ${uid ?? '1000'}) with mode 0400`,
    EISDIR: 'is a folder: name the file inside it',
  };
  return new NetRavenError('SECRET_FILE_INVALID', `${variable}: ${file} ${fix[err.code ?? ''] ?? `cannot be read (${err.code ?? err.message})`}`, { cause: err, details: { variable, file } });
}

/**
 * Reads one secret from a file: its content without one trailing newline (what `echo` and
 * editors add). The value is never part of any message.
 *
 * @param variable the environment variable that named the file, for the message
 * @throws SECRET_FILE_INVALID when the file is missing, unreadable, empty, more than one line
 *   or larger than 1 KiB
 */
export function readSecretFile(file: string, variable: string): string {
  let content: string;
  try {
    const stat = fs.statSync(file);
    if (stat.isFile() && stat.size > MAX_SECRET_BYTES) {
      throw new NetRavenError('SECRET_FILE_INVALID', `${variable}: ${file} is ${stat.size} bytes, more than a password (at most ${MAX_SECRET_BYTES}): name the password file`, { details: { variable, file } });
    }
    content = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof NetRavenError) throw err;
    throw unreadable(variable, file, err as NodeJS.ErrnoException);
  }
  const secret = content.replace(/\r?\n$/, '');
  if (secret.length === 0) {
    throw new NetRavenError('SECRET_FILE_INVALID', `${variable}: ${file} is empty: write the password into it (e.g. \`openssl rand -base64 32 > ${file}\`)`, { details: { variable, file } });
  }
  if (/[\r\n]/.test(secret)) {
    throw new NetRavenError('SECRET_FILE_INVALID', `${variable}: ${file} has more than one line: keep only the password in it`, { details: { variable, file } });
  }
  return secret;
}
