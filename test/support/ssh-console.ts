/**
 * The SSH console server in the test process, on 127.0.0.1 with a free port, over a test
 * database; its JSON log collected in `logs`. Stopped after each test file.
 */
import { afterAll } from 'vitest';
import { addOperator } from '../../src/config/operator-store.js';
import type { OperatorRole } from '../../src/config/operator-records.js';
import { createConsoleServer, type ConsoleServer } from '../../src/console/console-server.js';
import { checkOperatorKey } from '../../src/console/operator-keys.js';
import { createDaemonLogger } from '../../src/daemon/daemon-logger.js';
import { loadHostKey, type HostKey } from '../../src/ssh-console/host-key.js';
import type { LoginGuardOptions } from '../../src/ssh-console/login-guard.js';
import { startSshConsole, type SshConsole } from '../../src/ssh-console/ssh-console-server.js';
import type { TestDatabase } from './database.js';
import { tempDir } from './keyring.js';
import { keyringOf } from './logins.js';
import { ed25519Key, type TestKeyPair } from './private-keys.js';

export type LogLine = Record<string, unknown> & { msg: string; level: string };

export interface TestSshConsole {
  server: SshConsole;
  console: ConsoleServer;
  port: number;
  hostKey: HostKey;
  logs: LogLine[];
  stop(): Promise<void>;
}

const running: TestSshConsole[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

export async function startTestSshConsole(db: TestDatabase, options: { loginGuard?: LoginGuardOptions } = {}): Promise<TestSshConsole> {
  const hostKey = loadHostKey({ NETRAVEN_HOME: tempDir('netraven-ssh-home-') });
  const logs: LogLine[] = [];
  const logger = createDaemonLogger({ base: { server: 'ssh-console' }, level: 'debug', destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) } });
  const consoleServer = await createConsoleServer({ database: { knex: db.knex, url: db.url }, keyring: keyringOf(db.knex) });
  const server = await startSshConsole({ hostKey, console: consoleServer, logger, host: '127.0.0.1', port: 0, loginGuard: options.loginGuard });
  let stopped = false;
  const handle: TestSshConsole = {
    server,
    console: consoleServer,
    port: server.address().port,
    hostKey,
    logs,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
  running.push(handle);
  return handle;
}

/** Adds an operator with a fresh ed25519 key; returns the key pair. */
export async function addTestOperator(db: TestDatabase, name: string, role: OperatorRole): Promise<TestKeyPair> {
  const pair = ed25519Key();
  await addOperator(db.knex, { name, role, keys: [checkOperatorKey(pair.publicKey).line] });
  return pair;
}

/** Waits until the predicate holds (checked every 25 ms), failing after timeoutMs with `what`. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
