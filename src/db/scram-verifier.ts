/**
 * SCRAM-SHA-256 password verifiers as PostgreSQL stores them in pg_authid.rolpassword
 * (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, RFC 5802 §3, RFC 7677).
 * NetRaven computes them itself, like libpq's PQencryptPasswordConn, so a login's password
 * never travels in an SQL statement (where server logs could keep it).
 *
 * PostgreSQL and the clients apply SASLprep (RFC 4013) to the password first; for printable
 * ASCII it changes nothing, which is why login passwords are limited to printable ASCII
 * (src/config/login-passwords.ts).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** PostgreSQL's default scram_iterations. */
const ITERATIONS = 4096;
const SALT_BYTES = 16;

interface Keys { storedKey: Buffer; serverKey: Buffer }

function keys(password: string, salt: Buffer, iterations: number): Keys {
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return {
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: createHmac('sha256', salted).update('Server Key').digest(),
  };
}

/** A new verifier for password, with a random 16-byte salt and 4096 iterations. */
export function scramVerifier(password: string, salt: Buffer = randomBytes(SALT_BYTES), iterations = ITERATIONS): string {
  const { storedKey, serverKey } = keys(password, salt, iterations);
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

const FORMAT = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

/**
 * True when verifier (a stored rolpassword) was made from password. False for anything
 * else: another password, an MD5 hash, NULL, a malformed value.
 */
export function verifierMatches(verifier: string | null, password: string): boolean {
  const match = FORMAT.exec(verifier ?? '');
  if (!match) return false;
  const iterations = Number(match[1]);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 10_000_000) return false;
  const { storedKey, serverKey } = keys(password, Buffer.from(match[2]!, 'base64'), iterations);
  const stored = Buffer.from(match[3]!, 'base64');
  const server = Buffer.from(match[4]!, 'base64');
  return stored.length === 32 && server.length === 32 && timingSafeEqual(stored, storedKey) && timingSafeEqual(server, serverKey);
}
