import type { Knex } from 'knex';
import type { KeyringSource } from '../credentials/keyring-source.js';
import type { Actor } from './actor.js';
import type { InProcessSweeps } from './in-process-sweeps.js';
import type { LiveEvents } from './live-events.js';
import type { ShareRead } from './shared-read.js';

/** What every group of console actions works with; made once per console process by createConsoleServices. */
export interface ConsoleContext {
  knex: Knex;
  keyring: KeyringSource;
  actor: Actor;
  live: LiveEvents;
  sweeps: InProcessSweeps;
  /** KEYROTATION_DATABASE_URL: key rotation runs on its own small pool with that role when set. */
  keyRotationUrl?: string;
  /** The key rotation this console runs, if any (one at a time; closing waits for it). */
  rotation: { running: Promise<unknown> | null };
  /** Reads the sessions of an SSH console server share (shared-read.ts); the local console's run every time. */
  share: ShareRead;
}
