import { describe, expect, it } from 'vitest';
import { parseSettingText } from '../../../src/config/settings.js';
import { searchConfigurations } from '../../../src/db/queries/search-configurations.js';
import { assertCronExpression } from '../../../src/jobs/cron-ticks.js';
import { useTestDatabase } from '../../support/database.js';
import { refused } from '../../support/refused.js';

const db = useTestDatabase();

// The services check their own inputs too, for callers that are not the CLI (the console).
describe('input limits in the services', () => {
  it('search refuses a text over 1,000 characters before PostgreSQL (no stack depth error)', async () => {
    const err = await searchConfigurations(db.knex, 'w '.repeat(30_000)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INPUT_INVALID', message: expect.stringMatching(/^search text is 60000 characters long; at most 1000/) });
  });

  it('a setting value over 1,000 characters and a cron over 200', () => {
    expect(refused(() => parseSettingText('retrieval.concurrency', '9'.repeat(1001))).message).toMatch(/^value of retrieval.concurrency is 1001 characters long/);
    expect(refused(() => assertCronExpression(`0 2 * * * ${'x'.repeat(200)}`)).message).toMatch(/^cron expression is 210 characters long; at most 200/);
  });

  it('the database refuses a description over 1,000 characters (no input path sets one yet)', async () => {
    await expect(db.knex('tags').insert({ name: 'long', description: 'd'.repeat(1001) })).rejects.toMatchObject({ code: '23514' });
    await expect(db.knex('devices').insert({ hostname: 'd1', ipAddress: '192.0.2.1', deviceType: 'cisco_ios', description: 'd'.repeat(1001) })).rejects.toMatchObject({ code: '23514' });
    expect(await db.knex('tags').where({ name: 'long' }).first()).toBeUndefined();
  });
});
