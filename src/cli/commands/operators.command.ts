import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { OPERATOR_ROLES, type OperatorRole } from '../../config/operator-records.js';
import { addOperator, listOperators, removeOperator, setOperatorRole } from '../../config/operator-store.js';
import { operatorKeyRows } from '../../console/operator-actions.js';
import { checkOperatorKey, describeKeyLine } from '../../console/operator-keys.js';
import { NetRavenError } from '../../errors.js';
import { withDatabase } from '../database-session.js';
import { printJson, printTable, type Output } from '../output.js';

/** A public key file is a line of a few hundred bytes; anything far larger is the wrong file. */
const KEY_FILE_MAX_BYTES = 16 * 1024;

interface KeyInput {
  isTTY?: boolean;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

function tooLarge(what: string): NetRavenError {
  return new NetRavenError('INPUT_INVALID', `${what} holds more than ${KEY_FILE_MAX_BYTES} bytes: a public key line is a few hundred; check that this is the .pub file`);
}

/** Reads a public key file, or piped stdin for `-`: at most KEY_FILE_MAX_BYTES, a regular file (a device or a FIFO is never read to its end). */
async function readKeyText(file: string, input: KeyInput): Promise<string> {
  if (file === '-') {
    if (input.isTTY) throw new NetRavenError('INPUT_INVALID', '--key - reads the key from piped stdin (`… --key - < id_ed25519.pub`): pipe it, or give the path of the .pub file');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of input) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > KEY_FILE_MAX_BYTES) throw tooLarge('stdin');
      chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    if (!fs.fstatSync(fd).isFile()) throw new NetRavenError('INPUT_INVALID', `key file ${JSON.stringify(file)} is not a regular file`);
    const buffer = Buffer.alloc(KEY_FILE_MAX_BYTES + 1);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    if (read > KEY_FILE_MAX_BYTES) throw tooLarge(`key file ${JSON.stringify(file)}`);
    return buffer.subarray(0, read).toString('utf8');
  } catch (err) {
    if (err instanceof NetRavenError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new NetRavenError('INPUT_INVALID', `key file ${JSON.stringify(file)} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}: give the path of an OpenSSH public key (.pub) file, or - for stdin`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function roleOption(): Option {
  return new Option('--role <role>', 'viewer (browse, search, diff, tail logs), operator (also retrieve, cancel, host keys, schedules) or admin (also credentials, keys, settings, operators)').choices(OPERATOR_ROLES);
}

/** `netraven operators add|list|remove|role`: who may use the SSH console (`netraven serve-ssh`), with which keys and role. */
export function registerOperatorsCommands(program: Command, output: Output, input: KeyInput = process.stdin): void {
  const operators = program.command('operators').description('operators of the SSH console (netraven serve-ssh): their public keys and roles');

  operators
    .command('add <name>')
    .description('add an operator with an OpenSSH public key, or another key to an existing operator; --role is needed for a new one')
    .addOption(roleOption())
    .requiredOption('--key <file>', 'an OpenSSH public key file (the .pub), or - for a key line piped on stdin; repeat for several keys', (value: string, previous: string[] = []) => [...previous, value])
    .action((name: string, flags: { role?: OperatorRole; key: string[] }) =>
      withDatabase(async ({ knex }) => {
        if (flags.key.filter((k) => k === '-').length > 1) throw new NetRavenError('INPUT_INVALID', 'stdin can give one key: --key - at most once');
        const keys = [];
        for (const file of flags.key) keys.push(checkOperatorKey(await readKeyText(file, input)));
        const { operator, created } = await addOperator(knex, { name, role: flags.role, keys: keys.map((k) => k.line) });
        for (const key of keys) output.out(`${created ? 'added operator' : 'added a key to operator'} ${operator.name} (${operator.role}): ${key.type} ${key.fingerprint}\n`);
      }),
    );

  operators
    .command('list')
    .description('list operators: name, role, key type and fingerprint, when added, last login')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) =>
      withDatabase(async ({ knex }) => {
        const rows = operatorKeyRows(await listOperators(knex));
        if (flags.json) return printJson(output, rows);
        if (rows.length === 0) return output.out('no operators: add one with `netraven operators add NAME --role admin --key ~/.ssh/id_ed25519.pub`\n');
        printTable(output, rows, [
          { header: 'name', value: (r) => r.name },
          { header: 'role', value: (r) => r.role },
          { header: 'key', value: (r) => r.key },
          { header: 'comment', value: (r) => r.comment },
          { header: 'added', value: (r) => r.keyAddedAt },
          { header: 'last login', value: (r) => r.lastLoginAt ?? 'never' },
        ]);
      }),
    );

  operators
    .command('remove <name>')
    .description('remove an operator (their open sessions end at once), or with --key one of their keys')
    .option('--key <fingerprint>', 'remove only this key (SHA256:… as `operators list` shows it)')
    .action((name: string, flags: { key?: string }) =>
      withDatabase(async ({ knex }) => {
        const fingerprint = flags.key?.trim();
        const removed = await removeOperator(knex, name, fingerprint ? { fingerprint, fingerprintOf: (line) => describeKeyLine(line)?.fingerprint ?? null } : undefined);
        output.out(fingerprint ? `removed key ${fingerprint} of operator ${removed.name}\n` : `removed operator ${removed.name} (${removed.role})\n`);
      }),
    );

  operators
    .command('role <name> <role>')
    .description('change an operator\'s role (viewer, operator, admin); their open sessions end so the new role applies')
    .action((name: string, role: string) =>
      withDatabase(async ({ knex }) => {
        if (!(OPERATOR_ROLES as readonly string[]).includes(role)) throw new NetRavenError('INPUT_INVALID', `role ${JSON.stringify(role.slice(0, 40))} is not one of ${OPERATOR_ROLES.join(', ')}`);
        const was = await setOperatorRole(knex, name, role as OperatorRole);
        output.out(was === role ? `operator ${name} is already ${role}\n` : `operator ${name}: ${was} → ${role}\n`);
      }),
    );
}
