import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNetRavenError } from '../../../src/errors.js';
import { channelTerminal, clampSize } from '../../../src/ssh-console/channel-terminal.js';
import { hostKeyFile, loadHostKey } from '../../../src/ssh-console/host-key.js';
import { checkSshBanner, checkTarget, parseListen } from '../../../src/ssh-console/listen-address.js';
import { LoginGuard } from '../../../src/ssh-console/login-guard.js';
import { tempDir } from '../../support/keyring.js';
import { closedPort } from '../../support/ports.js';
import { ed25519Key, pkcs8Key } from '../../support/private-keys.js';
import { PassThrough } from 'node:stream';

describe('login guard', () => {
  it('10 failures within a minute block the address for a minute; older failures do not count', () => {
    let now = 0;
    const guard = new LoginGuard({ now: () => now });
    for (let i = 0; i < 9; i++) expect(guard.fail('192.0.2.1')).toBe(false);
    now = 61_000;
    expect(guard.fail('192.0.2.1')).toBe(false);
    for (let i = 0; i < 8; i++) guard.fail('192.0.2.1');
    expect(guard.fail('192.0.2.1')).toBe(true);
    expect(guard.blocked('192.0.2.1')).toBe(true);
    expect(guard.admit('192.0.2.1')).toBe('blocked');
    expect(guard.blocked('192.0.2.2')).toBe(false);
    now += 60_001;
    expect(guard.blocked('192.0.2.1')).toBe(false);
  });

  it('connections waiting to log in are bounded per address and in all; settling frees a place', () => {
    const guard = new LoginGuard({ maxPendingPerAddress: 2, maxPending: 3 });
    expect([guard.admit('a'), guard.admit('a'), guard.admit('a')]).toEqual(['ok', 'ok', 'busy']);
    expect([guard.admit('b'), guard.admit('c')]).toEqual(['ok', 'busy']);
    guard.settled('a');
    expect(guard.admit('c')).toBe('ok');
  });
});

describe('channel terminal', () => {
  it('clamps sizes: 0 or garbage gives 80×24, huge ones stop at 500×200', () => {
    expect(clampSize(0, 0)).toEqual({ columns: 80, rows: 24 });
    expect(clampSize(10_000, 10_000)).toEqual({ columns: 500, rows: 200 });
    expect(clampSize(Number.NaN, -5)).toEqual({ columns: 80, rows: 24 });
    expect(clampSize(132.7, 43)).toEqual({ columns: 132, rows: 43 });
  });

  it('writes \\r\\n for \\n (no pty line discipline on the server); a flood of resizes becomes few, the last one wins', async () => {
    const channel = new PassThrough();
    let written = '';
    const sink = { write: (d: string | Buffer) => ((written += String(d)), true), on: channel.on.bind(channel) as never, writable: true };
    let typed = 0;
    const terminal = channelTerminal(sink, { columns: 80, rows: 24 }, () => typed++);
    terminal.stdout.write('a\nb\r\nc');
    expect(written).toBe('a\r\nb\r\nc');
    let resizes = 0;
    terminal.stdout.on('resize', () => resizes++);
    for (let i = 1; i <= 1000; i++) terminal.resize(100 + (i % 50), 30);
    terminal.resize(120, 40);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(resizes).toBeLessThanOrEqual(3);
    expect([terminal.stdout.columns, terminal.stdout.rows]).toEqual([120, 40]);
    channel.emit('data', Buffer.from('q'));
    expect(typed).toBe(1);
    terminal.close();
    terminal.stdout.write('after');
    expect(written).not.toContain('after');
  });
});

describe('host key', () => {
  it('is generated once under NETRAVEN_HOME (mode 0600) and never replaced; NETRAVEN_SSH_HOST_KEY is read, not written', () => {
    const home = tempDir('netraven-hostkey-');
    const first = loadHostKey({ NETRAVEN_HOME: home });
    expect(first).toMatchObject({ type: 'ssh-ed25519', generated: true, source: 'home', file: path.join(home, 'ssh', 'ssh_host_ed25519_key') });
    expect(first.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    const again = loadHostKey({ NETRAVEN_HOME: home });
    expect(again).toMatchObject({ generated: false, fingerprint: first.fingerprint });
    const file = path.join(tempDir('netraven-hostkey-'), 'host_key');
    fs.writeFileSync(file, ed25519Key().privateKey, { mode: 0o600 });
    expect(loadHostKey({ NETRAVEN_HOME: home, NETRAVEN_SSH_HOST_KEY: file })).toMatchObject({ source: 'environment', generated: false, file });
    expect(hostKeyFile({ NETRAVEN_HOME: home, NETRAVEN_SSH_HOST_KEY: file }).file).toBe(file);
  });

  it('refuses a missing, world-writable, PKCS#8, public or garbage key file with what to do', () => {
    const dir = tempDir('netraven-hostkey-');
    const write = (name: string, text: string, mode = 0o600) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text, { mode });
      fs.chmodSync(file, mode);
      return file;
    };
    const refusal = (file: string) => {
      try {
        loadHostKey({ NETRAVEN_HOME: dir, NETRAVEN_SSH_HOST_KEY: file });
      } catch (err) {
        expect(isNetRavenError(err, 'SSH_HOST_KEY_INVALID')).toBe(true);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal(path.join(dir, 'missing'))).toMatch(/cannot be read \(ENOENT\).*ssh-keygen -t ed25519/);
    expect(refusal(write('open', ed25519Key().privateKey, 0o666))).toMatch(/may be changed by group or others/);
    expect(refusal(write('pkcs8', pkcs8Key()))).toMatch(/PKCS#8/);
    expect(refusal(write('public', ed25519Key().publicKey))).toMatch(/is a public key/);
    expect(refusal(write('garbage', '\x00\xff garbage'))).toMatch(/is not a private key ssh2 can read/);
  });
});

describe('--listen and --check', () => {
  it('parses HOST:PORT, [IPv6]:PORT and :PORT; refuses the rest', () => {
    expect(parseListen('127.0.0.1:2222')).toEqual({ host: '127.0.0.1', port: 2222 });
    expect(parseListen('[::1]:22')).toEqual({ host: '::1', port: 22 });
    expect(parseListen(':2222')).toEqual({ host: '0.0.0.0', port: 2222 });
    expect(checkTarget(parseListen('0.0.0.0:2222'))).toEqual({ host: '127.0.0.1', port: 2222 });
    for (const bad of ['2222', 'host:', 'host:70000', 'a:b:c', '']) expect(() => parseListen(bad), bad).toThrow(/is not HOST:PORT/);
  });

  it('fails with one line when nothing listens or the server is not SSH', async () => {
    await expect(checkSshBanner({ host: '127.0.0.1', port: await closedPort() })).rejects.toThrow(/connection refused/);
    const http = net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      await expect(checkSshBanner({ host: '127.0.0.1', port: (http.address() as net.AddressInfo).port })).rejects.toThrow(/closed before an SSH identification/);
    } finally {
      http.close();
    }
  });
});
