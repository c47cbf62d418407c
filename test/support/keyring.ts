import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createFileAtomic } from '../../src/credentials/atomic-file.js';
import { serialiseKeyring } from '../../src/credentials/keyring-file.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';
import { generateKey } from '../../src/credentials/keyring.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp folder removed after the test file. */
export function tempDir(prefix = 'netraven-keys-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh keyring file (mode 0600) with one active key, in its own temp folder. */
export function tempKeyring(): KeyringSource {
  const file = path.join(tempDir(), 'keyring.json');
  createFileAtomic(file, serialiseKeyring({ file, keys: [generateKey()] }));
  return new KeyringSource(file);
}
