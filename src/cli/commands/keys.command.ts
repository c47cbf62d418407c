import { Option, type Command } from 'commander';
import { quote } from '../../credentials/credential-input.js';
import { rotateKeys } from '../../credentials/key-rotation.js';
import { keyStatus } from '../../credentials/key-status.js';
import { verifyCredentials } from '../../credentials/key-verify.js';
import type { RotationFailure } from '../../credentials/rotation-batch.js';
import { NetRavenError, type ErrorCode } from '../../errors.js';
import { withDatabase } from '../database-session.js';
import { withKeyRotationDatabase } from '../key-rotation-session.js';
import { keyringFor } from '../keyring-session.js';
import { integerIn } from '../options.js';
import { printJson, printTable, type Output } from '../output.js';
import { sanitiseLine } from '../../sanitise.js';

function printFailures(output: Output, failures: RotationFailure[]): void {
  for (const failure of [...failures].sort((a, b) => a.name.localeCompare(b.name))) output.err(`  ${quote(failure.name, 100)}: ${failure.code}: ${sanitiseLine(failure.message)}\n`);
}

function commonCode(failures: RotationFailure[]): ErrorCode {
  const codes = new Set(failures.map((failure) => failure.code));
  return codes.size === 1 && codes.has('KEY_NOT_FOUND') ? 'KEY_NOT_FOUND' : 'CIPHERTEXT_INVALID';
}

/** `netraven keys status|rotate|verify`. */
export function registerKeysCommands(program: Command, output: Output): void {
  const keys = program.command('keys').description('the keyring that seals credential secrets');

  keys
    .command('status')
    .description('the active key, and how many credentials each key seals')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }, command: Command) =>
      withDatabase(async ({ knex }) => {
        const status = await keyStatus(knex, keyringFor(command, output));
        if (flags.json) return printJson(output, status);
        output.out(`keyring     ${status.file}\nactive key  ${status.activeKeyId}\ndatabase    active key ${status.databaseActiveKeyId ?? 'none recorded yet'}\n\n`);
        printTable(output, status.keys, [
          { header: 'key', value: (k) => k.id },
          { header: 'state', value: (k) => k.state },
          { header: 'created', value: (k) => k.createdAt },
          { header: 'credentials', value: (k) => k.credentials },
        ]);
        if (status.databaseActiveKeyId !== null && !status.keys.some((k) => k.id === status.databaseActiveKeyId)) {
          output.err(`netraven: warning: this keyring does not hold the database's active key ${status.databaseActiveKeyId}: it belongs to another installation; commands that seal or open credentials refuse it\n`);
        }
        for (const missing of status.missingKeys) {
          output.err(`netraven: warning: ${missing.credentials} credentials are sealed with key ${missing.id}, which is not in the keyring: restore it from a backup\n`);
        }
      }),
    );

  keys
    .command('rotate')
    .description('make a new key, re-seal every credential under it, retire the old key (safe to interrupt and run again)')
    .addOption(new Option('--batch-size <n>', 'credentials per transaction (default: setting keys.rotation_batch_size)').argParser(integerIn(1, 10_000)))
    .action((flags: { batchSize?: number }, command: Command) =>
      withKeyRotationDatabase(async ({ knex }) => {
        const keyring = keyringFor(command, output);
        const result = await rotateKeys({
          knex,
          keyring,
          batchSize: flags.batchSize,
          requestedBy: 'cli',
          onProgress: (p) => output.err(`re-sealed ${p.done} of ${p.total} credentials${p.failed ? ` (${p.failed} failed)` : ''}\n`),
        });
        output.out(`${result.resumed ? 'finished the interrupted rotation' : 'rotated'} to key ${result.keyId}: re-sealed ${result.resealed} of ${result.total} credentials; retired ${result.retiredKeyIds.join(', ') || 'no key'} (job ${result.jobId})\n`);
        output.err(`netraven: warning: back up ${keyring.file} now: older backups lack key ${result.keyId}\n`);
        if (result.status === 'succeeded') return;
        printFailures(output, result.failures);
        throw new NetRavenError('ROTATION_INCOMPLETE', `${result.failures.length} credentials could not be re-sealed and keep key(s) ${result.remainingKeyIds.join(', ') || 'that are missing'}: fix or re-enter them (\`netraven credentials update NAME --secret\`), then run \`netraven keys rotate\` again`);
      }),
    );

  keys
    .command('verify')
    .description('open every credential with the keyring and name those that do not open (secrets are never shown)')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }, command: Command) =>
      withDatabase(async ({ knex }) => {
        const keyring = keyringFor(command, output);
        const result = await verifyCredentials(knex, keyring);
        if (flags.json) printJson(output, { total: result.total, failures: result.failures });
        else output.out(`${result.total - result.failures.length} of ${result.total} credentials open with ${keyring.file}\n`);
        if (result.failures.length === 0) return;
        if (!flags.json) printFailures(output, result.failures);
        const names = result.failures.slice(0, 5).map((f) => quote(f.name)).join(', ');
        throw new NetRavenError(commonCode(result.failures), `${result.failures.length} credentials do not open: ${names}${result.failures.length > 5 ? ', …' : ''}`);
      }),
    );
}
