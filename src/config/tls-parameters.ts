/**
 * The TLS parameters of a connection string, checked before node-postgres reads them.
 * node-postgres (pg-connection-string 2.x) reads sslrootcert/sslcert/sslkey from disk while
 * parsing and treats every sslmode except `disable` and `no-verify` as verify-full: the
 * server certificate must chain to sslrootcert (else Node's CA list) and name the host.
 */
import fs from 'node:fs';
import { NetRavenError } from '../errors.js';

const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];
const FILE_PARAMETERS = ['sslrootcert', 'sslcert', 'sslkey'];

/**
 * Refuses an unknown sslmode and a TLS file that cannot be read, naming the variable.
 * @throws DATABASE_URL_INVALID (unknown sslmode), DATABASE_TLS_FAILED (unreadable file)
 */
export function assertTlsFilesReadable(url: string, variable: string): void {
  const params = new URL(url).searchParams;
  const mode = params.get('sslmode');
  if (mode !== null && !SSL_MODES.includes(mode)) {
    throw new NetRavenError('DATABASE_URL_INVALID', `${variable} has sslmode=${JSON.stringify(mode).slice(1, -1).slice(0, 30)}: use sslmode=verify-full (with sslrootcert=the CA file)`);
  }
  for (const name of FILE_PARAMETERS) {
    const file = params.get(name);
    if (file === null) continue;
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new NetRavenError('DATABASE_TLS_FAILED', `${variable}: ${name} ${file} cannot be read (${code}): mount the deployment CA there (the certs volume, read-only) or fix the path`, { cause: err });
    }
  }
}
