import { Option, type Command } from 'commander';
import os from 'node:os';
import { createConsoleServer } from '../../console/console-server.js';
import { createDaemonLogger } from '../../daemon/daemon-logger.js';
import { waitForStopSignal } from '../../daemon/signals.js';
import { openDatabase } from '../../db/connection.js';
import { assertSchemaUsable, readSchemaState } from '../../db/migrations.js';
import { NetRavenError } from '../../errors.js';
import { errorFields } from '../../jobs/logger.js';
import { loadHostKey } from '../../ssh-console/host-key.js';
import { checkSshBanner, checkTarget, DEFAULT_LISTEN, parseListen, type ListenAddress } from '../../ssh-console/listen-address.js';
import { keyringFor } from '../keyring-session.js';
import type { Output } from '../output.js';
import { releaseSignalHandlers } from '../shutdown.js';

interface ServeFlags {
  listen: ListenAddress;
  fingerprint?: boolean;
  check?: boolean;
}

/**
 * `netraven serve-ssh [--listen HOST:PORT]`: the console over SSH (JSON log on stdout, like the
 * daemon); `--fingerprint` prints the host key's fingerprint (making the key if it does not
 * exist yet); `--check` exits 0 when an SSH server answers on the address (container HEALTHCHECK).
 */
export function registerServeSshCommand(program: Command, output: Output): void {
  program
    .command('serve-ssh')
    .description('serve the console over SSH to the operators (`netraven operators add`); public keys only')
    .addOption(new Option('--listen <host:port>', 'address to listen on (the container uses 0.0.0.0:2222)').argParser(parseListen).default(parseListen(DEFAULT_LISTEN), DEFAULT_LISTEN))
    .option('--fingerprint', "print the host key's SHA256 fingerprint (what operators' SSH clients show on first connect) and exit")
    .option('--check', 'exit 0 when an SSH server answers on the --listen address (container HEALTHCHECK)')
    .action(async (_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<ServeFlags>();
      if (flags.fingerprint) {
        const key = loadHostKey();
        output.out(`${key.fingerprint} (${key.type}, ${key.file}${key.generated ? ', generated now' : ''})\n${key.publicKey}\n`);
        for (const warning of key.warnings) output.err(`netraven: warning: ${warning}\n`);
        return;
      }
      if (flags.check) {
        const line = await checkSshBanner(checkTarget(flags.listen));
        output.out(`SSH console answers on ${flags.listen.host}:${flags.listen.port} (${line})\n`);
        return;
      }
      await serve(flags, command, output);
    });
}

async function serve(flags: ServeFlags, command: Command, output: Output): Promise<void> {
  // Sessions are told the server stops and closed first: the server takes the signals over.
  releaseSignalHandlers();
  const stopSignal = waitForStopSignal();
  const logger = createDaemonLogger({ base: { server: 'ssh-console', hostname: os.hostname(), pid: process.pid }, destination: { write: (line: string) => output.out(line) } });
  const hostKey = loadHostKey();
  for (const warning of hostKey.warnings) logger.warn({ file: hostKey.file }, warning);
  if (hostKey.generated) logger.info({ file: hostKey.file, hostKeyFingerprint: hostKey.fingerprint }, 'ssh: host key generated (once: it is kept while the file exists)');
  const database = await openDatabase({ poolSetting: 'console.pool_size' });
  try {
    assertSchemaUsable(await readSchemaState(database.knex));
    const keyring = keyringFor(command, { ...output, err: (text: string) => logger.warn({ component: 'keyring' }, text.replace(/^netraven: warning: /, '').trim()) });
    const consoleServer = await createConsoleServer({ database, keyring });
    // Loaded here, not at the top: Ink and the screens only for the command that needs them.
    const { startSshConsole } = await import('../../ssh-console/ssh-console-server.js');
    let server;
    try {
      server = await startSshConsole({ hostKey, console: consoleServer, logger, host: flags.listen.host, port: flags.listen.port });
    } catch (err) {
      await consoleServer.close();
      const code = (err as NodeJS.ErrnoException).code;
      throw new NetRavenError('SSH_LISTEN_FAILED', `cannot listen on ${flags.listen.host}:${flags.listen.port} (${code ?? 'error'}): ${code === 'EADDRINUSE' ? 'another process uses that port; pick another with --listen' : 'check the address with --listen HOST:PORT'}`, { cause: err });
    }
    output.err(`netraven: SSH console on ${server.address().host}:${server.address().port}, host key ${hostKey.fingerprint}\n`);
    const signal = await stopSignal;
    logger.info({ signal, sessions: server.sessions() }, 'ssh: stop requested');
    await server.stop().catch((err: unknown) => logger.error(errorFields(err), 'ssh: error while stopping'));
  } finally {
    await database.close();
  }
}
