import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readKeyFile, readKeyLogin } from '../../../src/credentials/key-input.js';
import { checkPrivateKey, PRIVATE_KEY_MAX_BYTES, privateKeyNeedsPassphrase } from '../../../src/credentials/private-key.js';
import { NetRavenError } from '../../../src/errors.js';
import { tempDir } from '../../support/keyring.js';
import { ecdsaKey, ed25519Key, encryptedKey, keyBodyLines, pkcs8Key, rsaPemKey, unknownTypeKey } from '../../support/private-keys.js';

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof NetRavenError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a NetRavenError');
}

/** The one-line refusal for a key: INPUT_INVALID, naming the credential, never quoting the key. */
function expectRefused(key: string, passphrase: string | null, why: string): void {
  const result = refusal(() => checkPrivateKey(key, passphrase, 'lab-key'));
  expect(result.code).toBe('INPUT_INVALID');
  expect(result.message).toMatch(/^the private key of credential "lab-key" /);
  expect(result.message).toContain(why);
  expect(result.message).not.toContain('\n');
  for (const line of keyBodyLines(key)) expect(result.message).not.toContain(line.slice(0, 20));
}

describe('private keys (checked with ssh2)', () => {
  it('accepts OpenSSH ed25519 and ECDSA keys, traditional PEM RSA keys, and encrypted ones with their passphrase', () => {
    for (const pair of [ed25519Key(), ecdsaKey(), rsaPemKey()]) {
      const checked = checkPrivateKey(`\r\n${pair.privateKey.replace(/\n/g, '\r\n')}  \n`, null, 'lab-key');
      expect(checked.text).toBe(`${pair.privateKey.trim()}\n`);
      expect(checked.passphrase).toBeNull();
      expect(checked.fingerprint).toMatch(/^(ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) SHA256:[A-Za-z0-9+/]{43}$/);
    }
    const encrypted = encryptedKey('open sesame');
    expect(privateKeyNeedsPassphrase(encrypted.privateKey)).toBe(true);
    expect(checkPrivateKey(encrypted.privateKey, 'open sesame', 'lab-key').passphrase).toBe('open sesame');
    expect(checkPrivateKey(rsaPemKey('pem-pass').privateKey, 'pem-pass', 'lab-key').passphrase).toBe('pem-pass');
    // A passphrase given for a key that needs none is not kept.
    expect(checkPrivateKey(ed25519Key().privateKey, 'unneeded', 'lab-key').passphrase).toBeNull();
  });

  it('the fingerprint is the one of the public key the device holds', () => {
    const pair = ed25519Key();
    const checked = checkPrivateKey(pair.privateKey, null, 'lab-key');
    const blob = Buffer.from(pair.publicKey.split(' ')[1]!, 'base64');
    expect(checked.fingerprint).toBe(`ssh-ed25519 SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`);
  });

  it('refuses a malformed, empty, binary, public, PKCS#8, unknown-type or oversized key, and a wrong or missing passphrase', () => {
    const good = ed25519Key().privateKey;
    const lines = good.trim().split('\n');
    expectRefused(`${lines[0]}\n${lines[1]}\n${lines[lines.length - 1]}\n`, null, 'cannot be read');
    expectRefused('just some text\n', null, 'is not an OpenSSH or PEM private key');
    expectRefused('', null, 'is empty');
    expectRefused(' \n\t\n', null, 'is empty');
    expectRefused('\u0000\u0001binary', null, 'is not text');
    expectRefused(ed25519Key().publicKey, null, 'is a public key');
    expectRefused(pkcs8Key(), null, 'PKCS#8');
    expectRefused(unknownTypeKey(), null, 'is of type "ssh-imaginary@example.com", which the SSH library does not support');
    expectRefused(`${good}${'#'.repeat(PRIVATE_KEY_MAX_BYTES)}`, null, `is larger than ${PRIVATE_KEY_MAX_BYTES} bytes`);
    const encrypted = encryptedKey('right one').privateKey;
    expectRefused(encrypted, 'wrong one', 'does not open with the passphrase given');
    expectRefused(encrypted, null, 'is encrypted: give its passphrase');
    expectRefused(encrypted, '', 'is encrypted: give its passphrase');
    expectRefused(rsaPemKey('pem-pass').privateKey, 'not-it', 'does not open with the passphrase given');
    expectRefused(encrypted, 'line\nbreak', 'line break');
  });
});

describe('key files', () => {
  const dir = tempDir('netraven-keyfile-');
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content, { mode: 0o600 });
    return file;
  };

  it('reads a key file, and refuses a missing file, a folder, a device and a huge file without reading it', () => {
    const key = ed25519Key().privateKey;
    expect(readKeyFile(write('id_ed25519', key))).toBe(key);
    expect(refusal(() => readKeyFile(path.join(dir, 'nope')))).toEqual({ code: 'INPUT_INVALID', message: expect.stringContaining('does not exist') });
    expect(refusal(() => readKeyFile(dir)).message).toContain('is not a regular file');
    expect(refusal(() => readKeyFile('/dev/zero')).message).toContain('is not a regular file');
    const huge = path.join(dir, 'huge');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 1024 * 1024 * 1024);
    expect(refusal(() => readKeyFile(huge)).message).toContain(`holds 1073741824 bytes: a private key is at most ${PRIVATE_KEY_MAX_BYTES} bytes`);
  });

  it('refuses key text given in place of a path, without echoing it', () => {
    const key = ed25519Key().privateKey;
    const result = refusal(() => readKeyFile(key));
    expect(result).toEqual({ code: 'INPUT_INVALID', message: expect.stringContaining('not the key itself') });
    for (const line of keyBodyLines(key)) expect(result.message).not.toContain(line.slice(0, 20));
    expect(refusal(() => readKeyFile(keyBodyLines(key)[0]!)).message).toContain('not the key itself');
  });

  it('reads a piped key followed by its passphrase and the enable secret; a file key takes them from stdin lines', async () => {
    const key = encryptedKey('pp one').privateKey;
    const piped = await readKeyLogin({ file: '-', credentialName: 'c', enable: true, input: Readable.from([`${key}pp one\nen-secret\n`]), write: () => undefined });
    expect(piped).toEqual({ privateKey: key.trimEnd(), passphrase: 'pp one', enableSecret: 'en-secret' });
    const file = write('enc', key);
    const fromFile = await readKeyLogin({ file, credentialName: 'c', enable: false, input: Readable.from(['pp one\n']), write: () => undefined });
    expect(fromFile).toEqual({ privateKey: key, passphrase: 'pp one', enableSecret: null });
    const plain = ed25519Key().privateKey;
    const noPassphrase = await readKeyLogin({ file: write('plain', plain), credentialName: 'c', enable: true, input: Readable.from(['en\n']), write: () => undefined });
    expect(noPassphrase).toEqual({ privateKey: plain, passphrase: null, enableSecret: 'en' });
    const tty = Object.assign(Readable.from([]), { isTTY: true });
    await expect(readKeyLogin({ file: '-', credentialName: 'c', enable: false, input: tty, write: () => undefined })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    const flood = Readable.from([Buffer.alloc(PRIVATE_KEY_MAX_BYTES * 2, 0x41)]);
    await expect(readKeyLogin({ file: '-', credentialName: 'c', enable: false, input: flood, write: () => undefined })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
