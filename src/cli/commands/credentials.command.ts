import { Option, type Command } from 'commander';
import type { Knex } from 'knex';
import { quote, validName } from '../../credentials/credential-input.js';
import { listCredentials, type CredentialSummary } from '../../credentials/credential-queries.js';
import { createCredential, deleteCredential, updateCredential, type CredentialChanges } from '../../credentials/credential-service.js';
import { tagCredential, untagCredential } from '../../credentials/credential-tags.js';
import { readKeyLogin } from '../../credentials/key-input.js';
import { assertKeyringBelongs } from '../../credentials/keyring-identity.js';
import type { KeyringSource } from '../../credentials/keyring-source.js';
import { readSecrets, type SecretInput } from '../../credentials/secret-prompt.js';
import { NetRavenError } from '../../errors.js';
import { withDatabase } from '../database-session.js';
import { keyringFor } from '../keyring-session.js';
import { integerIn, type PagingFlags } from '../options.js';
import { printTable, type Output } from '../output.js';
import { pagedList } from '../paged-list.js';

interface AddFlags {
  name: string;
  username: string;
  tag: string[];
  priority?: number;
  enable?: boolean;
  keyFile?: string;
}

interface UpdateFlags {
  rename?: string;
  username?: string;
  priority?: number;
  secret?: boolean;
  enable?: boolean;
  removeEnable?: boolean;
  keyFile?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const priorityOption = () => new Option('--priority <n>', 'lower is tried first (0-10000, default 100)').argParser(integerIn(0, 10_000));

const keyFileOption = () =>
  new Option('--key-file <file>', 'log in with this SSH private key (OpenSSH or PEM; - reads it from piped stdin); a passphrase is read like a secret');

function describe(summary: CredentialSummary): string {
  const key = summary.keyFingerprint === null ? '' : `, SSH key ${summary.keyFingerprint}`;
  return `${quote(summary.name, 100)} (user ${quote(summary.username, 100)}${key}, priority ${summary.priority}, tags: ${summary.tags.join(', ') || 'none'})`;
}

/** The keyring for a command that seals: checked (it belongs to this database) before anything is read from the operator. */
async function sealingKeyring(knex: Knex, command: Command, output: Output): Promise<KeyringSource> {
  const keyring = keyringFor(command, output);
  await assertKeyringBelongs(knex, keyring);
  return keyring;
}

function printList(output: Output, items: CredentialSummary[]): void {
  printTable(output, items, [
    { header: 'name', value: (c) => c.name },
    { header: 'username', value: (c) => c.username },
    { header: 'login', value: (c) => c.method },
    { header: 'priority', value: (c) => c.priority },
    { header: 'tags', value: (c) => c.tags.join(',') },
    { header: 'enable', value: (c) => (c.hasEnableSecret ? 'yes' : 'no') },
    { header: 'ok', value: (c) => c.successCount },
    { header: 'failed', value: (c) => c.failureCount },
    { header: 'last used', value: (c) => c.lastUsedAt },
    { header: 'key', value: (c) => c.keyId },
  ]);
}

/** `netraven credentials add|list|remove|tag|untag|update`; secrets come only from a prompt or stdin. */
export function registerCredentialsCommands(program: Command, output: Output, input: SecretInput = process.stdin): void {
  const credentials = program.command('credentials').description('device logins: secrets are sealed with the keyring');

  credentials
    .command('add')
    .description(
      'add a credential; the secret (and with --enable the enable secret) is read from a hidden prompt, or from stdin lines when piped; with --key-file the key replaces the secret (an encrypted key\'s passphrase is read first)',
    )
    .requiredOption('--name <name>', 'unique name')
    .requiredOption('--username <username>', 'login user name')
    .option('--tag <tag>', 'apply to devices with this tag (repeatable)', collect, [])
    .addOption(priorityOption())
    .option('--enable', 'also read an enable secret (second line on stdin)')
    .addOption(keyFileOption())
    .action((flags: AddFlags, command: Command) =>
      withDatabase(async ({ knex }) => {
        const name = validName(flags.name);
        const keyring = await sealingKeyring(knex, command, output);
        const base = { name, username: flags.username, priority: flags.priority, tags: flags.tag };
        let summary: CredentialSummary;
        if (flags.keyFile !== undefined) {
          const login = await readKeyLogin({ file: flags.keyFile, credentialName: name, enable: Boolean(flags.enable), input, write: output.err });
          summary = await createCredential({ knex, keyring }, { ...base, ...login });
        } else {
          const prompts = [`Secret for ${quote(name)}`, ...(flags.enable ? ['Enable secret'] : [])];
          const [secret, enableSecret] = await readSecrets({ input, write: output.err, prompts });
          summary = await createCredential({ knex, keyring }, { ...base, secret: secret!, enableSecret: flags.enable ? enableSecret! : null });
        }
        output.out(`added credential ${describe(summary)}\n`);
      }),
    );

  pagedList(credentials.command('list').description('list credentials (never their secrets)'), output, (knex, flags: PagingFlags) => listCredentials(knex, flags), (items) =>
    printList(output, items),
  );

  credentials
    .command('remove <name>')
    .description('delete a credential')
    .action((name: string) =>
      withDatabase(async ({ knex }) => {
        await deleteCredential(knex, name);
        output.out(`removed credential ${quote(name, 100)}\n`);
      }),
    );

  credentials
    .command('tag <name> <tags...>')
    .description('apply a credential to devices with these tags (tags are created on first use)')
    .action((name: string, tags: string[]) =>
      withDatabase(async ({ knex }) => output.out(`tagged credential ${describe(await tagCredential(knex, name, tags))}\n`)),
    );

  credentials
    .command('untag <name> <tags...>')
    .description('remove tags from a credential')
    .action((name: string, tags: string[]) =>
      withDatabase(async ({ knex }) => output.out(`untagged credential ${describe(await untagCredential(knex, name, tags))}\n`)),
    );

  credentials
    .command('update <name>')
    .description('change a credential; --secret/--enable read the new secrets like `add` does; --key-file makes it a key credential, --secret a password one')
    .option('--rename <name>', 'new name')
    .option('--username <username>', 'new login user name')
    .addOption(priorityOption())
    .option('--secret', 'read a new secret')
    .option('--enable', 'read a new enable secret')
    .addOption(new Option('--remove-enable', 'drop the enable secret').conflicts('enable'))
    .addOption(keyFileOption().conflicts('secret'))
    .action((name: string, flags: UpdateFlags, command: Command) =>
      withDatabase(async ({ knex }) => {
        const changes: CredentialChanges = { rename: flags.rename, username: flags.username, priority: flags.priority };
        if (flags.removeEnable) changes.enableSecret = null;
        const prompts = [...(flags.secret ? [`New secret for ${quote(name)}`] : []), ...(flags.enable ? ['New enable secret'] : [])];
        if (prompts.length === 0 && flags.keyFile === undefined && Object.values(changes).every((value) => value === undefined)) {
          throw new NetRavenError('INPUT_INVALID', 'nothing to change: give --rename, --username, --priority, --secret, --key-file, --enable or --remove-enable');
        }
        const keyring = keyringFor(command, output);
        if (flags.keyFile !== undefined) {
          await assertKeyringBelongs(knex, keyring);
          const login = await readKeyLogin({ file: flags.keyFile, credentialName: name, enable: Boolean(flags.enable), input, write: output.err });
          Object.assign(changes, { privateKey: login.privateKey, passphrase: login.passphrase }, flags.enable ? { enableSecret: login.enableSecret } : {});
        } else if (prompts.length > 0) {
          await assertKeyringBelongs(knex, keyring);
          const secrets = await readSecrets({ input, write: output.err, prompts });
          if (flags.secret) changes.secret = secrets.shift();
          if (flags.enable) changes.enableSecret = secrets.shift();
        }
        output.out(`updated credential ${describe(await updateCredential({ knex, keyring }, name, changes))}\n`);
      }),
    );
}
