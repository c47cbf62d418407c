import net from 'node:net';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';
import { ed25519Key, type TestKeyPair } from '../../support/private-keys.js';
import { addTestOperator, startTestSshConsole, until, type TestSshConsole } from '../../support/ssh-console.js';
import { connectSsh, openSshTerminal } from '../../support/ssh-terminal.js';

const { utils } = ssh2;

/** Alice's public key presented, Eve's private key signing: the signature cannot verify. */
function forgedKey(victim: TestKeyPair, forger: TestKeyPair): ssh2.ParsedKey {
  const signer = utils.parseKey(forger.privateKey) as ssh2.ParsedKey;
  const claimed = utils.parseKey(victim.publicKey) as ssh2.ParsedKey;
  return Object.assign(Object.create(Object.getPrototypeOf(signer) as object) as ssh2.ParsedKey, signer, { getPublicSSH: () => claimed.getPublicSSH() });
}

function refusedLogin(config: ssh2.ConnectConfig): Promise<string> {
  return connectSsh(config).then(
    (client) => {
      client.end();
      throw new Error('the login was accepted');
    },
    (err: Error) => err.message,
  );
}

describe('serve-ssh: logins', { timeout: 60_000 }, () => {
  const db = useTestDatabase();
  let server: TestSshConsole;
  let alice: TestKeyPair;

  beforeAll(async () => {
    alice = await addTestOperator(db, 'alice', 'admin');
    server = await startTestSshConsole(db, { loginGuard: { maxFailures: 10, windowMs: 60_000, blockMs: 1_500 } });
  });
  afterAll(() => server.stop());

  it('alice logs in with her key and sees the console as herself, with her role; the host key is the one --fingerprint names', async () => {
    let seen: Buffer | undefined;
    const term = await openSshTerminal({ port: server.port, privateKey: alice.privateKey, hostVerifier: (key: Buffer) => ((seen = key), true) });
    const screen = await term.waitFor('Recent failures');
    expect(screen.split('\n')[0]).toMatch(/^ NetRaven │ overview │ .* │ ssh:alice \(admin\) │ \d\d:\d\d ?$/);
    expect(`${server.hostKey.type} ${seen!.toString('base64')}`).toBe(server.hostKey.publicKey);
    expect(term.alternateScreen()).toBe(true);
    term.send('q');
    expect((await term.closed).code).toBe(0);
    expect(term.alternateScreen()).toBe(false);
    const opened = server.logs.find((l) => l.msg === 'ssh: session opened');
    expect(opened).toMatchObject({ operator: 'alice', role: 'admin', keyFingerprint: expect.stringMatching(/^SHA256:/), clientAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    await until(() => server.logs.some((l) => l.msg === 'ssh: session closed' && l.reason === 'quit'), 'the close line');
  });

  it('password, keyboard-interactive, an unknown key and a forged signature are refused', async () => {
    const failedBefore = server.logs.filter((l) => l.msg === 'ssh: login refused').length;
    expect(await refusedLogin({ port: server.port, username: 'alice', password: 'alice' })).toMatch(/authentication methods failed/);
    expect(await refusedLogin({ port: server.port, username: 'alice', tryKeyboard: true })).toMatch(/authentication methods failed/);
    expect(await refusedLogin({ port: server.port, username: 'alice', privateKey: ed25519Key().privateKey })).toMatch(/authentication methods failed/);
    const eve = ed25519Key();
    expect(await refusedLogin({ port: server.port, username: 'alice', authHandler: [{ type: 'publickey', username: 'alice', key: forgedKey(alice, eve) } as never] })).toMatch(/authentication methods failed/);
    const refused = server.logs.filter((l) => l.msg === 'ssh: login refused').slice(failedBefore);
    expect(refused.map((l) => l.reason)).toEqual(expect.arrayContaining(['unknown key', expect.stringMatching(/^signature does not verify for key SHA256:/), expect.stringMatching(/^method password is not accepted/)]));
    await new Promise((resolve) => setTimeout(resolve, 1_600));
  });

  it('10 failed attempts from one address in a minute block it (even alice) until the block ends', async () => {
    const stranger = ed25519Key();
    for (let i = 0; i < 10; i++) await refusedLogin({ port: server.port, username: 'x', privateKey: stranger.privateKey }).catch(() => undefined);
    expect(server.logs.some((l) => l.msg === 'ssh: too many failed logins from this address: refused for a minute')).toBe(true);
    expect(await refusedLogin({ port: server.port, username: 'alice', privateKey: alice.privateKey })).not.toBe('the login was accepted');
    expect(server.logs.some((l) => l.msg === 'ssh: connection refused before login' && l.reason === 'blocked')).toBe(true);
    // The test's block lasts 1.5 s (a minute by default).
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const client = await connectSsh({ port: server.port, username: 'alice', privateKey: alice.privateKey });
    client.end();
  });

  it('exec, sftp, port forwarding, agent forwarding and X11 are refused; a session without a pty is told to use ssh -t', async () => {
    const client = await connectSsh({ port: server.port, username: 'alice', privateKey: alice.privateKey });
    const exec = await new Promise<Error | undefined>((resolve) => client.exec('cat /etc/passwd', (err, stream) => (err ? resolve(err) : (stream.close(), resolve(undefined)))));
    expect(exec?.message).toMatch(/Unable to exec/);
    const sftp = await new Promise<Error | undefined>((resolve) => client.sftp((err) => resolve(err ?? undefined)));
    expect(sftp?.message).toMatch(/Unable to start subsystem: sftp/);
    const forwardOut = await new Promise<Error | undefined>((resolve) => client.forwardOut('127.0.0.1', 1, '127.0.0.1', 5432, (err) => resolve(err ?? undefined)));
    expect(forwardOut?.message).toMatch(/prohibited|refused|failure/i);
    const forwardIn = await new Promise<Error | undefined>((resolve) => client.forwardIn('127.0.0.1', 0, (err) => resolve(err ?? undefined)));
    expect(forwardIn?.message).toMatch(/Unable to bind/);
    const x11 = await new Promise<Error | undefined>((resolve) => client.shell({ cols: 80, rows: 24, term: 'xterm' }, { x11: true }, (err, stream) => (err ? resolve(err) : (stream.close(), resolve(undefined)))));
    expect(x11?.message).toMatch(/X11/);
    const agent = await new Promise<Error | undefined>((resolve) => client.exec('true', { agentForward: true } as never, (err, stream) => (err ? resolve(err) : (stream.close(), resolve(undefined)))));
    expect(agent).toBeInstanceOf(Error);
    client.end();
    const noPty = await openSshTerminal({ port: server.port, privateKey: alice.privateKey, pty: false });
    expect((await noPty.closed).code).toBe(1);
    expect(noPty.output()).toMatch(/^NetRaven: the console needs a terminal: connect with `ssh -t -p \d+ HOST`\r\n$/);
    for (const request of ['exec', 'sftp', 'x11']) expect(server.logs.some((l) => l.msg === 'ssh: request refused' && l.request === request), request).toBe(true);
  });

  it('garbage instead of a handshake is dropped, and a silent connection does not hold a login slot forever', async () => {
    const garbage = net.connect(server.port, '127.0.0.1');
    garbage.on('error', () => undefined);
    const closed = new Promise<string>((resolve) => {
      let got = '';
      garbage.on('data', (d: Buffer) => (got += d.toString('latin1')));
      garbage.on('close', () => resolve(got));
    });
    garbage.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n\x00\xff\xfe'.repeat(200), 'latin1'));
    expect(await closed).toMatch(/^SSH-2\.0-NetRaven/);
    // Everyone else is still served.
    const client = await connectSsh({ port: server.port, username: 'alice', privateKey: alice.privateKey });
    client.end();
  });

  it('100 connections at once from one address: at most 20 wait to log in, the rest are dropped; alice still gets in afterwards', async () => {
    const sockets = Array.from({ length: 100 }, () => net.connect(server.port, '127.0.0.1').on('error', () => undefined));
    const ended = await Promise.all(sockets.map((s) => new Promise<boolean>((resolve) => {
      s.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 3_000);
    })));
    expect(ended.filter(Boolean).length).toBeGreaterThanOrEqual(80);
    expect(server.logs.filter((l) => l.msg === 'ssh: connection refused before login' && l.reason === 'busy').length).toBeGreaterThanOrEqual(80);
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const term = await openSshTerminal({ port: server.port, privateKey: alice.privateKey });
    await term.waitFor('Recent failures');
    term.send('\x03');
    expect((await term.closed).code).toBe(0);
  });
});
