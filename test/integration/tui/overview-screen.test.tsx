import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';
import { renderConsole } from '../../support/console-render.js';
import { seedDevices, seedFailure, seedSweep } from '../../support/console-data.js';

describe('overview screen', () => {
  const db = useTestDatabase();

  it('shows devices by last result, the last and next sweep, running jobs with progress, keys and recent failures', async () => {
    const ids = await seedDevices(db.knex, [
      { hostname: 'core-ok-1', status: 'changed', daysAgo: 0 },
      { hostname: 'core-ok-2', status: 'unchanged', daysAgo: 1 },
      { hostname: 'edge-slow-1', status: 'failed', code: 'TIMEOUT', error: 'no answer within 20 s', daysAgo: 0 },
      { hostname: 'edge-slow-2', status: 'failed', code: 'TIMEOUT', error: 'no answer within 20 s', daysAgo: 0 },
      { hostname: 'edge-auth', status: 'failed', code: 'AUTH_FAILED', error: 'every credential refused', daysAgo: 0 },
      { hostname: 'new-box', daysAgo: null },
      { hostname: 'forgotten', status: 'unchanged', daysAgo: 10 },
      { hostname: 'retired', status: 'unchanged', daysAgo: 30, enabled: false },
    ]);
    const done = await seedSweep(db.knex, { status: 'partially_succeeded', total: 7, done: 7, failed: 3, description: 'all enabled devices', minutesAgo: 90 });
    await seedFailure(db.knex, done, ids.get('edge-slow-1')!, 'TIMEOUT', 'no answer within 20 s');
    await seedFailure(db.knex, done, ids.get('edge-auth')!, 'AUTH_FAILED', 'every credential refused');
    await seedSweep(db.knex, { status: 'running', total: 40, done: 10, failed: 2, description: 'enabled devices tagged core', requestedBy: 'alice@ops' });

    const ui = await renderConsole(db);
    const frame = await ui.waitFor('Recent failures 2');
    expect(frame).toMatch(/Devices 8/);
    expect(frame).toMatch(/ok\s+2/);
    expect(frame).toMatch(/failed\s+3/);
    expect(frame).toMatch(/TIMEOUT\s+2/);
    expect(frame).toMatch(/AUTH_FAILED\s+1/);
    expect(frame).toMatch(/never retrieved\s+1/);
    expect(frame).toMatch(/stale \(> 2 d\)\s+1/);
    expect(frame).toMatch(/disabled\s+1/);
    expect(frame).toMatch(/Last sweep\s+partially_succeeded \d+ s ago/);
    expect(frame).toContain('7/7 devices, 3 failed');
    expect(frame).toMatch(/Next sweep\s+02:00 \(in \d+ (h|min)\) · every device/);
    expect(frame).toContain('At 02:00 (0 2 * * *)');
    expect(frame).toContain('Running jobs 1');
    expect(frame).toMatch(/retrieval enabled devices tagged core · alice@ops\s+\S+ 10\/40 2 failed/);
    expect(frame).toMatch(/Keys\s+active k\S+/);
    expect(frame).toMatch(/\s{3}0 credentials$/m);
    expect(frame).toMatch(/edge-auth\s+AUTH_FAILED\s+every credential refused/);
    expect(frame).toMatch(/edge-slow-1\s+TIMEOUT\s+no answer within 20 s/);
    expect(frame).toContain('daemons 0');
    if (process.env.NETRAVEN_CAPTURE) console.log(`CAPTURE\n${frame}\nEND`);
  });
});
