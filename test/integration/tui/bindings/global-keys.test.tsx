import { describe, expect } from 'vitest';
import { bindingTest } from '../../../support/binding-test.js';
import { renderConsole } from '../../../support/console-render.js';
import { seedDevices } from '../../../support/console-data.js';
import { useTestDatabase } from '../../../support/database.js';

describe('global keys', () => {
  const db = useTestDatabase();

  bindingTest('help', '? opens the help with the bindings of this screen and the global ones; ? closes it', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await ui.press('?');
    const help = await ui.waitFor('keys of overview');
    expect(help).toMatch(/Tab\s+move to the next pane/);
    expect(help).toMatch(/everywhere\n\s+\?\s+help: every binding/);
    expect(help).toMatch(/Ctrl-C\s+quit at once/);
    expect(help).not.toContain('Recent failures');
    await ui.press('?');
    await ui.waitFor((frame) => frame.includes('Recent failures') && !frame.includes('keys of overview'));
  });

  bindingTest('back', 'Esc closes the help overlay and the command line; on the overview it changes nothing', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await ui.press('?');
    await ui.waitFor('keys of overview');
    await ui.press('escape');
    await ui.waitFor((frame) => !frame.includes('keys of overview'));
    await ui.press(':');
    await ui.waitFor(/^:/m);
    await ui.press('escape');
    await ui.waitFor((frame) => /q back\/quit/.test(frame) && !/^:/m.test(frame));
    await ui.press('escape');
    expect(ui.lastFrame()).toContain('Recent failures');
  });

  bindingTest('quit', 'q closes the help overlay, and on the overview quits when no sweep runs here', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await ui.press('?');
    await ui.waitFor('keys of overview');
    await ui.press('q');
    await ui.waitFor((frame) => !frame.includes('keys of overview'));
    await ui.press('q');
    await ui.exited();
  });

  bindingTest('quit-now', 'Ctrl-C quits at once, also with an overlay open', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await ui.press(':');
    await ui.waitFor(/^:/m);
    await ui.press('ctrlC');
    await ui.exited();
  });

  bindingTest('refresh', 'Ctrl-r reads the screen again (a device added without any notice appears)', async () => {
    const ui = await renderConsole(db);
    const before = await ui.waitFor(/Devices \d+/);
    const count = Number(/Devices (\d+)/.exec(before)![1]);
    await seedDevices(db.knex, [{ hostname: 'added-quietly', daysAgo: null }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ui.lastFrame()).toContain(`Devices ${count}`);
    await ui.press('ctrlR');
    await ui.waitFor(`Devices ${count + 1}`);
  });
});
