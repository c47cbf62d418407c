import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliClosingAfter } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir } from '../../support/keyring.js';

// `configs show` streams the stored text in pieces of 4,000,000 bytes, shown up to the last line end: a
// configuration of several pieces, with a two-byte character across the first cut and control characters, must come out exactly
// (--raw) or sanitised exactly as a whole would be, and a reader that goes away stops the stream.
function bigConfiguration(): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 9_200_000; i++) {
    const line = i % 1000 === 0 ? ` description põrt-${i} ünïcode \u202Eevil\u202C \x1b[31mred\x1b[0m` : `interface GigabitEthernet1/0/${i}\n switchport access vlan ${i % 4000}`;
    lines.push(line);
    size += line.length + 1;
  }
  // The first piece ends after byte 4,000,000: "é" (two bytes in UTF-8) starts at byte 3,999,999.
  const head = `hostname stream-1\n${'!'.repeat(3_999_999 - 'hostname stream-1\n'.length)}`;
  return `${head}é across the cut\n${lines.join('\n')}\nend\n`;
}

describe('configs show streams large configurations', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-stream-');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home });
  const content = bigConfiguration();

  beforeAll(async () => {
    const [device] = await db.knex('devices').insert({ hostname: 'stream-1', ipAddress: '192.0.2.9', deviceType: 'cisco_ios' }).returning('id');
    await db.knex('device_configurations').insert({ deviceId: device.id, content, contentHash: createHash('sha256').update(content).digest('hex'), sizeBytes: Buffer.byteLength(content) });
  });

  it('writes the exact stored text with --raw, and the sanitised text otherwise, across several pieces', async () => {
    expect(Buffer.byteLength(content)).toBeGreaterThan(2 * 4_000_000);
    expect(Buffer.from(content).subarray(3_999_999, 4_000_001).toString()).toBe('é');
    const raw = await runCli(['configs', 'show', 'stream-1', '--raw'], { env: env(), timeoutMs: 120_000 });
    expect(raw.code, raw.stderr).toBe(0);
    expect(raw.stdout.length).toBe(content.length);
    expect(raw.stdout === content).toBe(true);
    const shown = await runCli(['configs', 'show', 'stream-1'], { env: env(), timeoutMs: 120_000 });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).not.toMatch(/[\x1b\u202e]/);
    expect(shown.stdout).toContain(' description põrt-1000 ünïcode <U+202E>evil<U+202C> [31mred[0m'.replace(/\[31m|\[0m/g, ''));
    expect(shown.stdout.split('\n')).toHaveLength(content.split('\n').length);
  });

  it('stops when the reader goes away, with status 0', async () => {
    const result = await runCliClosingAfter(['configs', 'show', 'stream-1', '--raw'], 1, { env: env(), timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });
});
