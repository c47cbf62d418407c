/**
 * A test of one binding of the table (src/tui/keys/bindings.ts). test/unit/tui/bindings-table
 * reads every test file for `bindingTest('<command>'` and fails for a binding without one.
 */
import { it } from 'vitest';
import type { CommandName } from '../../src/tui/keys/bindings.js';

export function bindingTest(command: CommandName, what: string, fn: () => Promise<void>, timeoutMs?: number): void {
  it(`[${command}] ${what}`, fn, timeoutMs);
}
