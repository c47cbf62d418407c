import type { Knex } from 'knex';

// Advisory lock keys; any constants work as long as every NetRaven process uses the same.
// 7_419_230_001 is taken by `db init`.
const KEYRING_LOCK = 7_419_230_002;
const ROTATION_LOCK = 7_419_230_003;

/**
 * Taken (shared) by every transaction that seals a value: it reads the keyring under the
 * lock, so a rotation that changes the keyring (exclusive) waits for sealers that might
 * still use the old active key, and later sealers see the new one.
 */
export async function lockKeyringShared(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock_shared(?::bigint)', [KEYRING_LOCK]);
}

/** Taken by rotation while it changes the keyring file; released at commit or rollback. */
export async function lockKeyringExclusive(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?::bigint)', [KEYRING_LOCK]);
}

/** A held connection-level lock; released explicitly, or by PostgreSQL when the process dies. */
export interface HeldLock {
  release(): Promise<void>;
}

interface RawConnection {
  query(sql: string, values: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** One rotation per database at a time; undefined when another process holds it. */
export async function tryLockRotation(knex: Knex): Promise<HeldLock | undefined> {
  const connection = (await knex.client.acquireConnection()) as RawConnection;
  let held = false;
  try {
    const { rows } = await connection.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [ROTATION_LOCK]);
    held = rows[0]?.locked === true;
  } finally {
    if (!held) await knex.client.releaseConnection(connection);
  }
  if (!held) return undefined;
  return {
    async release() {
      try {
        await connection.query('SELECT pg_advisory_unlock($1::bigint)', [ROTATION_LOCK]);
      } finally {
        await knex.client.releaseConnection(connection);
      }
    },
  };
}
