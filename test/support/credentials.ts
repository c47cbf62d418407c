import type { Knex } from 'knex';
import { expect } from 'vitest';
import { openCredential } from '../../src/credentials/credential-opening.js';
import { createCredential } from '../../src/credentials/credential-service.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';

/** name → [secret, enable secret]: what a test stored, to compare with what opens later. */
export type KnownSecrets = Map<string, [string, string | null]>;

/** Adds `count` credentials named `${prefix}-N` with distinct secrets (every third has an enable secret). */
export async function addCredentials(knex: Knex, keyring: KeyringSource, count: number, prefix = 'cred'): Promise<KnownSecrets> {
  const known: KnownSecrets = new Map();
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${i}`;
    const secrets: [string, string | null] = [`pw-${prefix}-${i}-${Math.random().toString(36).slice(2)}`, i % 3 === 0 ? `enable-${prefix}-${i}` : null];
    await createCredential({ knex, keyring }, { name, username: `user${i}`, secret: secrets[0], enableSecret: secrets[1], tags: ['core'] });
    known.set(name, secrets);
  }
  return known;
}

/** Every credential opens with a fresh read of the keyring file and gives back what was stored. */
export async function expectAllOpen(knex: Knex, file: string, known: KnownSecrets): Promise<void> {
  const keyring = new KeyringSource(file);
  const rows = await knex('credentials').select('id', 'name', 'username', 'secret', 'enableSecret', 'keyId');
  expect(rows.map((row: { name: string }) => row.name).sort()).toEqual([...known.keys()].sort());
  for (const row of rows) {
    const opened = openCredential(row, keyring);
    expect([opened.password, opened.enableSecret], row.name).toEqual(known.get(row.name));
  }
}

/** How many credentials each key id seals. */
export async function keyUsage(knex: Knex): Promise<Record<string, number>> {
  const rows = await knex('credentials').select('keyId').count<Array<{ keyId: string; count: string }>>('* as count').groupBy('keyId');
  return Object.fromEntries(rows.map((row) => [row.keyId, Number(row.count)]));
}

/** The sealed value with one byte of its ciphertext (not of the text around it) flipped. */
export function flipOneCiphertextByte(sealed: Uint8Array): Buffer {
  const parts = Buffer.from(sealed).toString('latin1').split('.');
  const ciphertext = Buffer.from(parts[3]!, 'base64url');
  ciphertext.writeUInt8(ciphertext.readUInt8(ciphertext.length >> 1) ^ 0x01, ciphertext.length >> 1);
  parts[3] = ciphertext.toString('base64url');
  return Buffer.from(parts.join('.'), 'latin1');
}
