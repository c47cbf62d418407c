/**
 * Keys from the console: the keyring's keys with the credentials each seals, an unfinished
 * rotation, the latest rotation job; rotating (the same resumable rotation as `netraven keys
 * rotate`, under KEYROTATION_DATABASE_URL when set) and verifying that every credential opens.
 */
import { keyStatus, type KeyStatus } from '../credentials/key-status.js';
import { rotateKeys, type RotationResult } from '../credentials/key-rotation.js';
import { verifyCredentials, type VerifyResult } from '../credentials/key-verify.js';
import { openKeyRotationKnex } from '../db/key-rotation-database.js';
import { asDatabaseError } from '../db/pg-errors.js';
import { latestKeyRotation, type KeyRotationJob } from '../db/queries/latest-key-rotation.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { isNetRavenError, NetRavenError } from '../errors.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';

/** The keyring as the keys screen shows it, or why it cannot be read. */
export type KeyringView =
  | {
      status: KeyStatus;
      /** The keyring does not hold the database's active key: it belongs to another installation (sealing, rotating and verifying are refused). */
      foreign: boolean;
      /** A rotation stopped half-way: retiring keys are still in the keyring. R finishes it (same new key). */
      unfinished: { retiringKeyIds: string[]; credentials: number } | null;
      /** What R would re-seal: every credential (a new key), or those not yet under the active key (finishing). */
      toReseal: number;
    }
  | { problem: { code: string; message: string } };

export interface KeysView {
  keyring: KeyringView;
  /** Every credential, whatever its key. */
  credentials: number;
  /** The newest key_rotation job (any process's), live through its NOTIFYs. */
  lastRotation: KeyRotationJob | null;
  /** This console is rotating now. */
  rotatingHere: boolean;
}

export interface KeyActions {
  /** The keys screen's data; a keyring that cannot be read is reported, not thrown. */
  keysView(): Promise<KeysView>;
  /**
   * Rotates the keys in this process and resolves with the result when done (progress is on the
   * job: keysView().lastRotation, heard live). One at a time per console (ROTATION_IN_PROGRESS);
   * KEYRING_FOREIGN, KEYRING_READ_ONLY… change nothing. The job records the operator.
   */
  rotateKeys(): Promise<RotationResult>;
  /** Opens every credential and lists those that do not open (KEYRING_FOREIGN first if the keyring is not this database's). */
  verifyKeys(): Promise<VerifyResult>;
}

export const KEY_ACTIONS: Record<keyof KeyActions, ActionClass> = {
  keysView: 'read',
  rotateKeys: 'admin',
  // It decrypts every secret (dropping the plaintext at once).
  verifyKeys: 'admin',
};

async function keyringView(ctx: ConsoleContext): Promise<KeyringView> {
  let status: KeyStatus;
  try {
    status = await keyStatus(ctx.knex, ctx.keyring);
  } catch (err) {
    // A missing or unreadable keyring is what this screen must show, not a reason to show nothing.
    if (isNetRavenError(err)) return { problem: { code: err.code, message: err.message } };
    throw err;
  }
  const total = [...status.keys, ...status.missingKeys].reduce((sum, key) => sum + key.credentials, 0);
  const retiring = status.keys.filter((key) => key.state === 'retiring');
  const underActive = status.keys.find((key) => key.id === status.activeKeyId)?.credentials ?? 0;
  return {
    status,
    foreign: status.databaseActiveKeyId !== null && !status.keys.some((key) => key.id === status.databaseActiveKeyId),
    unfinished: retiring.length === 0 ? null : { retiringKeyIds: retiring.map((key) => key.id), credentials: retiring.reduce((sum, key) => sum + key.credentials, 0) },
    toReseal: retiring.length === 0 ? total : total - underActive,
  };
}

async function rotate(ctx: ConsoleContext): Promise<RotationResult> {
  const own = ctx.keyRotationUrl ? await openKeyRotationKnex(ctx.keyRotationUrl) : null;
  try {
    return await rotateKeys({ knex: own ?? ctx.knex, keyring: ctx.keyring, requestedBy: ctx.actor.name });
  } catch (err) {
    // A role without the rights (a wrong KEYROTATION_DATABASE_URL): say so as the CLI does.
    throw asDatabaseError(err, ctx.keyRotationUrl) ?? err;
  } finally {
    await own?.destroy();
  }
}

export function keyActions(ctx: ConsoleContext): KeyActions {
  return {
    async keysView() {
      const [keyring, database] = await Promise.all([
        keyringView(ctx),
        inReadOnlyTransaction(ctx.knex, async (trx) => ({
          credentials: Number((await trx('credentials').count<Array<{ count: string }>>('* as count'))[0]?.count ?? 0),
          lastRotation: await latestKeyRotation(trx),
        })),
      ]);
      return { keyring, ...database, rotatingHere: ctx.rotation.running !== null };
    },
    async rotateKeys() {
      if (ctx.rotation.running) throw new NetRavenError('ROTATION_IN_PROGRESS', 'this console is rotating the keys already: wait for it to finish');
      const running = rotate(ctx);
      ctx.rotation.running = running;
      try {
        return await running;
      } finally {
        ctx.rotation.running = null;
      }
    },
    verifyKeys: () => verifyCredentials(ctx.knex, ctx.keyring),
  };
}
