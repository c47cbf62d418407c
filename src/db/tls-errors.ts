/**
 * TLS failures while connecting to PostgreSQL, as one line an operator can act on. Node's
 * certificate errors carry OpenSSL's verify codes (https://nodejs.org/api/tls.html, "X509
 * certificate error codes"); node-postgres reports a server without TLS in its own words.
 */
import { redactUrl } from '../config/environment.js';
import { NetRavenError } from '../errors.js';

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** The TLS problem err describes, or undefined when it is not one. `url` names the server (redacted). */
export function tlsError(err: unknown, url: string): NetRavenError | undefined {
  const e = (err ?? {}) as { code?: string; message?: string };
  const where = redactUrl(url);
  const host = (() => {
    try {
      return new URL(url).hostname;
    } catch {
      return 'the host';
    }
  })();
  const fail = (message: string) => new NetRavenError('DATABASE_TLS_FAILED', message, { cause: err });
  if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return fail(`the certificate of PostgreSQL at ${where} does not name ${host}: connect with a name it holds, or issue it for ${host} (scripts/certs.sh, NETRAVEN_DB_CERT_NAMES)`);
  }
  if (e.code && UNTRUSTED.has(e.code)) {
    return fail(`the certificate of PostgreSQL at ${where} is not signed by a CA this client trusts (${e.code}): set sslrootcert in the URL to the deployment CA (/certs/ca.crt)`);
  }
  if (e.code && EXPIRED.has(e.code)) {
    return fail(`the certificate of PostgreSQL at ${where} is not valid now (${e.code}): renew it (\`docker compose run --rm certs renew\`) and restart postgres`);
  }
  if (/does not support SSL/i.test(e.message ?? '')) {
    return fail(`PostgreSQL at ${where} does not offer TLS: turn on ssl in its postgresql.conf, or remove sslmode from the URL for a server you trust without it`);
  }
  if (e.code === '28000' && /no encryption/.test(e.message ?? '')) {
    return fail(`PostgreSQL at ${where} accepts only TLS connections: add sslmode=verify-full&sslrootcert=/certs/ca.crt to the URL`);
  }
  return undefined;
}
