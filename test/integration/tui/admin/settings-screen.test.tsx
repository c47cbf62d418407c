import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';

describe('settings screen', () => {
  const db = useTestDatabase();

  it('shows every setting with value, default and when it applies; the highlighted one\'s description and rule', async () => {
    await db.knex('system_settings').where({ key: 'logs.flush_ms' }).update({ value: '400' });
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await ui.press(':', ...'settings', 'enter');
    const frame = await ui.waitFor('Settings 20');
    expect(frame).toMatch(/setting\s+value\s+default\s+applies/);
    expect(frame).toMatch(/database\.pool_size\s+10\s+10\s+restart/);
    expect(frame).toMatch(/keys\.rotation_batch_size\s+500\s+500\s+live/);
    expect(frame).toMatch(/logs\.flush_ms\s+400\s+200\s+restart/);
    expect(frame).toContain('database.pool_size: Connections each NetRaven process keeps open at most');
    expect(frame).toContain('rule: a whole number from 2 to 500');
    expect(frame).toContain('restart needed: running daemons and consoles use a change when they restart');
    expect(ui.selectedRow()).toMatch(/^database\.pool_size/);
  });
});
