import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCli } from '../support/cli.js';
import { startCli, type LogLine } from '../support/daemon-process.js';
import { useTestDatabase } from '../support/database.js';
import { tempDir } from '../support/keyring.js';
import { closedPort } from '../support/ports.js';
import { ed25519Key, type TestKeyPair } from '../support/private-keys.js';
import { openSshTerminal } from '../support/ssh-terminal.js';

/** The console over SSH as operators get it: the real `netraven serve-ssh`, operators added with the CLI, an SSH client whose screen is read through a headless xterm. */
describe('netraven serve-ssh (end to end)', { timeout: 180_000 }, () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-serve-ssh-e2e-');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') });
  let alice: TestKeyPair;
  let bob: TestKeyPair;

  beforeAll(async () => {
    expect((await runCli(['db', 'init'], { env: env() })).code).toBe(0);
    alice = ed25519Key();
    bob = ed25519Key();
    fs.writeFileSync(path.join(home, 'alice.pub'), `${alice.publicKey} alice@laptop\n`);
    const added = await runCli(['operators', 'add', 'alice', '--role', 'admin', '--key', path.join(home, 'alice.pub')], { env: env() });
    expect(added.stdout).toMatch(/^added operator alice \(admin\): ssh-ed25519 SHA256:/);
    expect((await runCli(['operators', 'add', 'bob', '--role', 'viewer', '--key', '-'], { env: env(), input: bob.publicKey })).code).toBe(0);
  });

  it('operators: a malformed key is refused in one line and nothing changes; list --json shows name, role, key type and fingerprint, last login', async () => {
    fs.writeFileSync(path.join(home, 'bad.pub'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG==\n');
    expectOneLineError(await runCli(['operators', 'add', 'eve', '--role', 'admin', '--key', path.join(home, 'bad.pub')], { env: env() }), 'INPUT_INVALID', 65);
    const list = JSON.parse((await runCli(['operators', 'list', '--json'], { env: env() })).stdout) as Array<Record<string, unknown>>;
    expect(list).toEqual([
      expect.objectContaining({ name: 'alice', role: 'admin', key: expect.stringMatching(/^ssh-ed25519 SHA256:/), comment: 'alice@laptop', lastLoginAt: null }),
      expect.objectContaining({ name: 'bob', role: 'viewer', key: expect.stringMatching(/^ssh-ed25519 SHA256:/) }),
    ]);
  });

  it('serve-ssh prints the host key fingerprint --fingerprint shows; alice sees the console as herself; --check answers; SIGTERM tells the session and exits within 5 s', async () => {
    const fingerprint = await runCli(['serve-ssh', '--fingerprint'], { env: env() });
    expect(fingerprint.code).toBe(0);
    const [line, publicKey] = fingerprint.stdout.trim().split('\n') as [string, string];
    expect(line).toMatch(/^SHA256:[A-Za-z0-9+/]{43} \(ssh-ed25519, .*ssh_host_ed25519_key, generated now\)$/);
    const port = await closedPort();
    const server = startCli(['serve-ssh', '--listen', `127.0.0.1:${port}`], env());
    const listening = await server.waitFor((l: LogLine) => l.msg === 'ssh: listening', 60_000, 'the listening line');
    expect(listening).toMatchObject({ port, hostKeyFingerprint: line.split(' ')[0] });
    for (let i = 0; i < 100 && !server.stderr().includes('host key'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.stderr()).toContain(`host key ${line.split(' ')[0]}`);

    const check = await runCli(['serve-ssh', '--check', '--listen', `0.0.0.0:${port}`], { env: env() });
    expect(check).toMatchObject({ code: 0 });
    expect(check.stdout).toMatch(/^SSH console answers on 0\.0\.0\.0:\d+ \(SSH-2\.0-NetRaven\)/);
    expectOneLineError(await runCli(['serve-ssh', '--check', '--listen', `127.0.0.1:${await closedPort()}`], { env: env() }), 'SSH_CHECK_FAILED', 69);

    let seen = '';
    const term = await openSshTerminal({ port, privateKey: alice.privateKey, hostVerifier: (key: Buffer) => ((seen = `ssh-ed25519 ${key.toString('base64')}`), true) });
    expect(seen).toBe(publicKey);
    const screen = await term.waitFor('Recent failures', 60_000);
    expect(screen.split('\n')[0]).toMatch(/ssh:alice \(admin\)/);
    const viewer = await openSshTerminal({ port, privateKey: bob.privateKey });
    await viewer.waitFor('ssh:bob (viewer)', 60_000);

    const stopAsked = Date.now();
    const exited = server.stop(20_000);
    const [{ code }] = await Promise.all([term.closed, viewer.closed]);
    expect(code).toBe(1);
    expect(term.screen().join('\n')).toContain('NetRaven: the console server is stopping; session closed');
    expect(await exited).toMatchObject({ code: 0 });
    // 5 s for the sessions, with headroom for a loaded machine.
    expect(Date.now() - stopAsked).toBeLessThan(25_000);
    const lines = server.lines.map((l) => l.msg);
    expect(lines).toEqual(expect.arrayContaining(['ssh: logged in', 'ssh: session opened', 'ssh: stop requested', 'ssh: session closed', 'ssh: stopped']));
    expect(server.lines.find((l) => l.msg === 'ssh: session closed' && l.operator === 'alice')).toMatchObject({ reason: 'stopping', role: 'admin', keyFingerprint: expect.stringMatching(/^SHA256:/), clientAddress: expect.stringMatching(/^127\.0\.0\.1:/) });
    const after = JSON.parse((await runCli(['operators', 'list', '--json'], { env: env() })).stdout) as Array<{ name: string; lastLoginAt: string | null }>;
    expect(after.find((o) => o.name === 'alice')?.lastLoginAt).toMatch(/^\d{4}-/);
  });

  it('a port in use is refused in one line', async () => {
    const port = await closedPort();
    const first = startCli(['serve-ssh', '--listen', `127.0.0.1:${port}`], env());
    await first.waitFor((l: LogLine) => l.msg === 'ssh: listening', 60_000, 'the listening line');
    const second = await runCli(['serve-ssh', '--listen', `127.0.0.1:${port}`], { env: env() });
    expect(expectOneLineError(second, 'SSH_LISTEN_FAILED', 69)).toMatch(/EADDRINUSE.*another process uses that port/);
    await first.stop();
  });
});
