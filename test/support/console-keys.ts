/** Moving around the console in screen tests, waiting for each step (keys typed before an overlay is up would go elsewhere). */
import type { ConsoleHarness } from './console-render.js';

/** `:name` Enter, then waits until the header names the screen. */
export async function jumpTo(ui: ConsoleHarness, name: string): Promise<string> {
  await ui.press(':');
  await ui.waitFor(/^:/m);
  await ui.press(...name.split(''));
  await ui.waitFor(new RegExp(`^:${name}`, 'm'));
  await ui.press('enter');
  return ui.waitFor(new RegExp(`│ ${name} │`));
}
