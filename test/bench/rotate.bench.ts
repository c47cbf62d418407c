import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileAtomic } from '../../src/credentials/atomic-file.js';
import { rotateKeys } from '../../src/credentials/key-rotation.js';
import { verifyCredentials } from '../../src/credentials/key-verify.js';
import { serialiseKeyring } from '../../src/credentials/keyring-file.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';
import { generateKey } from '../../src/credentials/keyring.js';
import { seal } from '../../src/credentials/sealing.js';
import { machine, withBenchDatabase } from './bench-database.js';

const CREDENTIALS = 10_000;
const INSERT_CHUNK = 1000;

/** Samples RSS while fn runs: the rotation's own peak, not the lifetime peak of the process. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = process.hrtime.bigint();
  try {
    const value = await fn();
    return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMiB: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** Key rotation of 10,000 credentials (each with a secret and an enable secret) at the default batch size. */
export async function run(): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-bench-keys-'));
  await withBenchDatabase(async (knex, serverVersion) => {
    const db = { knex };
    const file = path.join(home, 'keyring.json');
    createFileAtomic(file, serialiseKeyring({ file, keys: [generateKey()] }));
    const keyring = new KeyringSource(file);
    const key = keyring.activeKey();
    for (let start = 0; start < CREDENTIALS; start += INSERT_CHUNK) {
      const rows = Array.from({ length: INSERT_CHUNK }, (_, i) => {
        const id = randomUUID();
        const n = start + i;
        return {
          id,
          name: `bench-${n}`,
          username: `user${n}`,
          keyId: key.id,
          secret: seal(`secret-${n}`, key, { credentialId: id, field: 'secret' }),
          enableSecret: seal(`enable-${n}`, key, { credentialId: id, field: 'enable_secret' }),
        };
      });
      await db.knex('credentials').insert(rows);
    }
    const rotation = await measure(() => rotateKeys({ knex: db.knex, keyring }));
    const verify = await measure(() => verifyCredentials(db.knex, keyring));
    if (rotation.value.resealed !== CREDENTIALS || verify.value.failures.length > 0) throw new Error('benchmark rotation did not re-seal every credential');
    process.stdout.write(
      [
        '== bench: rotate ==',
        `machine           ${machine()}; PostgreSQL ${serverVersion}`,
        `credentials       ${CREDENTIALS} (secret + enable secret each)`,
        `batch size        500 (keys.rotation_batch_size default)`,
        `rotation          ${rotation.seconds.toFixed(2)} s (${Math.round(CREDENTIALS / rotation.seconds)} credentials/s)`,
        `rotation peak RSS ${rotation.peakRssMiB.toFixed(0)} MiB`,
        `verify (open all) ${verify.seconds.toFixed(2)} s`,
        `process max RSS   ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
        '',
      ].join('\n'),
    );
  }).finally(() => fs.rmSync(home, { recursive: true, force: true }));
}
