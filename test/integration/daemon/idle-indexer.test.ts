import { createHash } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/db/connection.js';
import { IdleIndexer } from '../../../src/daemon/idle-indexer.js';
import { Device, DeviceConfiguration } from '../../../src/db/models/index.js';
import { countUnindexed } from '../../../src/db/queries/index-configurations.js';
import { useTestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { closedPort } from '../../support/ports.js';

const db = useTestDatabase();

async function storeVersions(count: number): Promise<void> {
  const device = await Device.query().insertAndFetch({ hostname: `idx-${count}`, ipAddress: '198.51.100.9', deviceType: 'cisco_ios' });
  for (let i = 0; i < count; i++) {
    const content = `hostname idx-${count}\n ip address 10.77.${i}.1 255.255.255.0\nend`;
    await DeviceConfiguration.query().insert({ deviceId: device.id, content, contentHash: createHash('sha256').update(content).digest('hex'), sizeBytes: content.length });
  }
}

describe("the daemon's idle search indexer", () => {
  it('indexes nothing while the daemon runs a job, everything once it is idle, and stops cleanly', async () => {
    await storeVersions(250);
    expect(await countUnindexed(db.knex)).toBe(250);
    let running = 1;
    const indexer = new IdleIndexer({ db: db.knex, logger: pino({ level: 'silent' }), running: () => running, intervalMs: 20 });
    indexer.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await countUnindexed(db.knex)).toBe(250);
      running = 0;
      await eventually(async () => (await countUnindexed(db.knex)) === 0, 20_000, 'every version indexed');
      const [row] = (await db.knex.raw('SELECT count(*) FILTER (WHERE search_words IS NULL) AS empty FROM device_configurations')).rows;
      expect(Number(row.empty)).toBe(0);
    } finally {
      await indexer.stop();
    }
  });

  it('keeps going after a failed batch (no database listening)', async () => {
    await storeVersions(3);
    const port = await closedPort();
    const failing = createKnex(`postgres://netraven@127.0.0.1:${port}/netraven`, 1);
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const indexer = new IdleIndexer({ db: failing, logger, running: () => 0, intervalMs: 20 });
    indexer.start();
    await eventually(() => warnings.length >= 2, 10_000, 'two failed ticks logged');
    await indexer.stop();
    await failing.destroy();
    expect(warnings[0]).toMatch(/search index: batch failed/);
    expect(await countUnindexed(db.knex)).toBe(3);
  });
});
