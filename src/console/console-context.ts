import type { Knex } from 'knex';
import type { KeyringSource } from '../credentials/keyring-source.js';
import type { Actor } from './actor.js';
import type { InProcessSweeps } from './in-process-sweeps.js';
import type { LiveEvents } from './live-events.js';

/** What every group of console actions works with; made once per console process by createConsoleServices. */
export interface ConsoleContext {
  knex: Knex;
  keyring: KeyringSource;
  actor: Actor;
  live: LiveEvents;
  sweeps: InProcessSweeps;
}
