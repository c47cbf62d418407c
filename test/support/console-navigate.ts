/** Getting to the device screens in a rendered console: `:devices`, a filter, Enter. */
import { renderConsole, type ConsoleHarness, type RenderOptions } from './console-render.js';
import type { TestDatabase } from './database.js';

/** Opens the devices screen with `:devices` and waits for `wait` on it. */
export async function openDevices(db: TestDatabase, wait: string, options: RenderOptions = {}): Promise<ConsoleHarness> {
  const ui = await renderConsole(db, options);
  await ui.waitFor('Recent failures');
  await ui.press(':', ...'devices'.split(''), 'enter');
  await ui.waitFor(wait);
  return ui;
}

/** Opens the device screen of `hostname` (filtered to it on the devices screen, then Enter). */
export async function openDevice(db: TestDatabase, hostname: string, options: RenderOptions = {}): Promise<ConsoleHarness> {
  const ui = await openDevices(db, 'Devices', options);
  await ui.press('/', ...hostname.split(''), 'enter');
  await ui.waitFor((frame) => (ui.selectedRow() ?? '').includes(hostname) && frame.includes(`matching "${hostname}"`));
  await ui.press('enter');
  await ui.waitFor(/History \d+ version/);
  return ui;
}
