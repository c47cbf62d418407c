import type { Command } from 'commander';
import type { Knex } from 'knex';
import { ensureKeyring } from '../credentials/keyring-setup.js';
import { keyringFromEnvironment, type KeyringSource } from '../credentials/keyring-source.js';
import type { Output } from './output.js';

/**
 * The keyring for this command: NETRAVEN_KEY_FILE or the default. One that group or others may
 * read is refused unless `--allow-insecure-keyring` or NETRAVEN_KEYRING_ALLOW_INSECURE=1 allows
 * it (with a warning); `--strict` refuses it even then.
 */
export function keyringFor(command: Command, output: Output): KeyringSource {
  const flags = command.optsWithGlobals<{ strict?: boolean; allowInsecureKeyring?: boolean }>();
  const allowInsecure = flags.strict ? false : flags.allowInsecureKeyring ? true : undefined;
  return keyringFromEnvironment({ allowInsecure, warn: (message) => output.err(`netraven: warning: ${message}\n`) });
}

/** Creates the keyring when missing (db init, start) and tells the operator to back it up. */
export async function setUpKeyring(knex: Knex, command: Command, output: Output): Promise<void> {
  const setup = await ensureKeyring(knex, keyringFor(command, output));
  if (!setup.created) return;
  output.out(`created keyring ${setup.file} (active key ${setup.activeKeyId})\n`);
  output.err(`netraven: warning: back up ${setup.file} now, and again after every \`netraven keys rotate\`: without it the stored credentials cannot be opened\n`);
}
