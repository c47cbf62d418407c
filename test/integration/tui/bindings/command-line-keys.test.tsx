import { describe, expect } from 'vitest';
import { bindingTest } from '../../../support/binding-test.js';
import { renderConsole } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';

describe('the command line (:)', () => {
  const db = useTestDatabase();

  bindingTest('jump', ': opens the command line in place of the footer', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    expect(ui.lastFrame()).not.toMatch(/^:/m);
    await ui.press(':');
    const frame = await ui.waitFor(/^:/m);
    expect(frame).not.toContain('q back/quit');
  });

  bindingTest('complete', 'Tab completes a screen name; typing q there types, it does not quit', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await ui.press(':', 'o', 'v', 'tab');
    await ui.waitFor(/^:overview/m);
    await ui.press('q');
    await ui.waitFor(/^:overviewq/m);
  });

  bindingTest('submit', 'Enter goes to the screen named (also by a unique start); an unknown name lists the screens', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures');
    await ui.press(':', 'z', 'z', 'enter');
    await ui.waitFor('no screen named "zz": overview');
    await ui.press('escape', ':', 'o', 'v', 'e', 'enter');
    await ui.waitFor((frame) => frame.includes('q back/quit') && frame.includes('Recent failures'));
    expect(ui.lastFrame()).toMatch(/NetRaven │ overview/);
  });
});
