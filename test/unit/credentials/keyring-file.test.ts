import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertReplaceable, createFileAtomic, writeFileAtomic } from '../../../src/credentials/atomic-file.js';
import { readKeyringFile, serialiseKeyring } from '../../../src/credentials/keyring-file.js';
import { keyringFromEnvironment, KeyringSource } from '../../../src/credentials/keyring-source.js';
import { generateKey, withActiveKey } from '../../../src/credentials/keyring.js';
import { NetRavenError } from '../../../src/errors.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';

function codeOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof NetRavenError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a NetRavenError');
}

function writeRaw(text: string, mode = 0o600): string {
  const file = path.join(tempDir(), 'keyring.json');
  fs.writeFileSync(file, text, { mode });
  fs.chmodSync(file, mode);
  return file;
}

describe('keyring file', () => {
  it('is created with mode 0600 holding one active key, and reads back the same keys', () => {
    const source = tempKeyring();
    expect(fs.statSync(source.file).mode & 0o777).toBe(0o600);
    const keyring = source.load();
    expect(keyring.keys).toHaveLength(1);
    expect(keyring.keys[0]!.state).toBe('active');
    expect(keyring.keys[0]!.material).toHaveLength(32);
    expect(JSON.parse(fs.readFileSync(source.file, 'utf8')).keys[0]).toEqual(expect.objectContaining({ id: keyring.keys[0]!.id, state: 'active' }));
  });

  it('names the file when it is missing, not a file, malformed, or has no or two active keys', () => {
    const dir = tempDir();
    expect(codeOf(() => readKeyringFile(path.join(dir, 'nope.json')))).toEqual({ code: 'KEYRING_MISSING', message: expect.stringContaining(path.join(dir, 'nope.json')) });
    expect(codeOf(() => readKeyringFile(dir)).code).toBe('KEYRING_UNREADABLE');
    const malformed = writeRaw('{ "format": "netraven-keyring", ');
    expect(codeOf(() => readKeyringFile(malformed))).toEqual({ code: 'KEYRING_INVALID', message: expect.stringContaining(`${malformed} is not valid JSON`) });

    const key = generateKey();
    const text = JSON.parse(serialiseKeyring({ file: 'x', keys: [key] }));
    const retiredOnly = writeRaw(JSON.stringify({ ...text, keys: [{ ...text.keys[0], state: 'retiring' }] }));
    expect(codeOf(() => readKeyringFile(retiredOnly)).message).toContain('has 0 active keys');
    const twoActive = writeRaw(serialiseKeyring({ file: 'x', keys: [key, generateKey()] }));
    expect(codeOf(() => readKeyringFile(twoActive)).message).toContain('has 2 active keys');
    const shortKey = writeRaw(JSON.stringify({ ...text, keys: [{ ...text.keys[0], key: 'c2hvcnQ=' }] }));
    expect(codeOf(() => readKeyringFile(shortKey)).message).toContain('keys.0.key');
    const duplicate = writeRaw(JSON.stringify({ ...text, keys: [text.keys[0], { ...text.keys[0], state: 'retiring' }] }));
    expect(codeOf(() => readKeyringFile(duplicate)).message).toContain(`lists key ${key.id} twice`);
    const empty = writeRaw(JSON.stringify({ ...text, keys: [] }));
    expect(codeOf(() => readKeyringFile(empty)).message).toContain('holds no keys');
  });

  it('refuses group/other permissions by default, and accepts them with a warning only when allowed', () => {
    const file = writeRaw(serialiseKeyring({ file: 'x', keys: [generateKey()] }), 0o644);
    expect(codeOf(() => readKeyringFile(file))).toEqual({ code: 'KEYRING_INSECURE', message: expect.stringContaining(`mode 644): run \`chmod 600 ${file}\``) });
    fs.chmodSync(file, 0o640);
    expect(codeOf(() => readKeyringFile(file, { warn: () => undefined })).code).toBe('KEYRING_INSECURE');
    const warnings: string[] = [];
    expect(readKeyringFile(file, { allowInsecure: true, warn: (m) => warnings.push(m) }).keys).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining('allowed by NETRAVEN_KEYRING_ALLOW_INSECURE')]);
    fs.chmodSync(file, 0o600);
    expect(readKeyringFile(file).keys).toHaveLength(1);
  });

  it('NETRAVEN_KEYRING_ALLOW_INSECURE allows a loose keyring; a value that is not 1/true/0/false is refused', () => {
    const file = writeRaw(serialiseKeyring({ file: 'x', keys: [generateKey()] }), 0o604);
    expect(codeOf(() => keyringFromEnvironment({}, { NETRAVEN_KEY_FILE: file }).load()).code).toBe('KEYRING_INSECURE');
    expect(codeOf(() => keyringFromEnvironment({}, { NETRAVEN_KEY_FILE: file, NETRAVEN_KEYRING_ALLOW_INSECURE: '0' }).load()).code).toBe('KEYRING_INSECURE');
    expect(keyringFromEnvironment({}, { NETRAVEN_KEY_FILE: file, NETRAVEN_KEYRING_ALLOW_INSECURE: 'true' }).load().keys).toHaveLength(1);
    expect(codeOf(() => keyringFromEnvironment({ allowInsecure: false }, { NETRAVEN_KEY_FILE: file, NETRAVEN_KEYRING_ALLOW_INSECURE: '1' }).load()).code).toBe('KEYRING_INSECURE');
    expect(codeOf(() => keyringFromEnvironment({}, { NETRAVEN_KEY_FILE: file, NETRAVEN_KEYRING_ALLOW_INSECURE: 'yes please' }))).toEqual({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('NETRAVEN_KEYRING_ALLOW_INSECURE must be 1 or true'),
    });
  });

  it('warns once per source, and reloads the file when a key is not known yet', () => {
    const source = tempKeyring();
    fs.chmodSync(source.file, 0o640);
    const warnings: string[] = [];
    const reader = new KeyringSource(source.file, { allowInsecure: true, warn: (m) => warnings.push(m) });
    const first = reader.current().keys[0]!;
    const next = generateKey();
    const writer = new KeyringSource(source.file, { allowInsecure: true });
    writer.save(withActiveKey(writer.load(), next));
    fs.chmodSync(source.file, 0o640);
    expect(reader.key(first.id).id).toBe(first.id);
    expect(reader.key(next.id).id).toBe(next.id);
    expect(codeOf(() => reader.key('k-unknown', 'core-admin')).message).toContain('credential "core-admin" is sealed with key k-unknown');
    expect(warnings).toHaveLength(1);
  });

  it('replaces files atomically and leaves no temp files; creation never overwrites', () => {
    const dir = tempDir();
    const file = path.join(dir, 'data.json');
    expect(createFileAtomic(file, 'one')).toBe(true);
    expect(createFileAtomic(file, 'two')).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('one');
    writeFileAtomic(file, 'three');
    expect(fs.readFileSync(file, 'utf8')).toBe('three');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['data.json']);
  });

  it('removes temp files a killed writer left behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'keyring.json');
    createFileAtomic(file, 'x');
    const stale = path.join(dir, '.keyring.json.999999999.0badf00d.tmp');
    fs.writeFileSync(stale, 'half-written');
    writeFileAtomic(file, 'y');
    expect(fs.readdirSync(dir)).toEqual(['keyring.json']);
  });

  it('reports a folder that takes no new files as read-only before anything changes', () => {
    // sysfs refuses new files even for root, as a read-only secret mount does.
    expect(codeOf(() => assertReplaceable('/sys/keyring.json')).code).toBe('KEYRING_READ_ONLY');
    expect(() => assertReplaceable(path.join(tempDir(), 'keyring.json'))).not.toThrow();
  });
});
