import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { tempDir } from '../support/keyring.js';
import { spawnInPty } from '../support/pty-terminal.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

/** Issue 9, bad input: "a database that goes away for 10 s while the console is open" — the real binary in a pty, its database behind a proxy taken down. */
describe('console while its database goes away for 10 s (end to end)', { timeout: 120_000 }, () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-outage-e2e-');

  it('says so in the banner, keeps taking keys, and is back by itself when the database is', async () => {
    fs.mkdirSync(home, { recursive: true });
    const server = new URL(db.url);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) });
    const env = { DATABASE_URL: proxy.url(db.url), NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') };
    expect((await runCli(['db', 'init'], { env })).code).toBe(0);
    const term = spawnInPty(['console'], env);
    await term.waitFor('Recent failures');

    await proxy.down();
    const downAt = Date.now();
    await term.waitFor('database connection lost', 15_000);
    // Keys still work while it is away: help opens and closes, a screen opens (its read fails in the banner, not a crash).
    term.send('?');
    await term.waitFor('keys of overview');
    term.send('\x1b');
    await term.waitFor((s) => !s.includes('keys of overview'));
    await term.jump('devices');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - downAt))));
    await proxy.up();
    await term.waitFor('database connection is back', 30_000);
    await term.waitFor('no devices yet', 30_000);
    expect(term.output()).not.toMatch(/\x1b\]|at Object\.|Error:/);
    term.send('\x03');
    expect((await term.exit).exitCode).toBe(0);
    expect(term.alternateScreen()).toBe(false);
  });
});
