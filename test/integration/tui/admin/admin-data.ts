/** Data and helpers for the admin screens' tests (credentials, keys, schedules, settings). */
import type { Knex } from 'knex';
import { expect } from 'vitest';
import type { ConsoleHarness } from '../../../support/console-render.js';
import { HOSTILE } from '../../../support/console-data.js';

/** Hostile text as a careless import or a hand-written row could hold it. */
export const EVIL = `${HOSTILE.osc52}${HOSTILE.cursor}evil${HOSTILE.rtl}txt`;

/** A credential row written straight to the database (the service would refuse the name), with a sealed-looking secret nobody opens. */
export async function insertRawCredential(knex: Knex, name: string, keyId = 'k-hand-written'): Promise<string> {
  const [row] = (await knex('credentials').insert({ name, username: 'ops', secret: Buffer.from('v1.not.a.value'), keyId }).returning('id')) as Array<{ id: string }>;
  return row!.id;
}

/** Opens a screen with `:` and waits for its first text. */
export async function openScreen(ui: ConsoleHarness, screen: string, shows: string | RegExp): Promise<string> {
  await ui.waitFor((frame) => frame.includes('Recent failures') || frame.includes(' │ '));
  await ui.press(':', ...screen, 'enter');
  return ui.waitFor(shows);
}

/** The changes recorded by operators (kind change), oldest first. */
export async function changeRecords(knex: Knex): Promise<Array<{ requestedBy: string; message: string }>> {
  return knex('jobs as j').join('job_logs as l', 'l.job_id', 'j.id').where('j.kind', 'change').orderBy('l.id').select('j.requested_by', 'l.message');
}

/** Control characters a terminal would act on (SGR codes aside). */
export function controls(frame: string): string[] {
  return [...frame.replace(/\x1b\[[0-9;]*m/g, '').matchAll(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g)].map((m) => m[0]);
}

/** Every frame so far is inert: no control or escape sequence but SGR, no OSC, no cursor move. */
export function expectInert(ui: ConsoleHarness): void {
  for (const raw of ui.frames()) {
    expect(controls(raw)).toEqual([]);
    expect(raw).not.toContain('\x1b]');
    expect(raw).not.toMatch(/\x1b\[[0-9;]*[A-HJKSTfsu]/);
  }
}

/** The texts the last frame shows in reverse video below the header (selections, a choice, the cursor). */
export function reverseVideo(ui: ConsoleHarness): string[] {
  const body = ui.rawFrame().split('\n').slice(1).join('\n');
  return [...body.matchAll(/\x1b\[7m([^\x1b]*)\x1b\[27m/g)].map((m) => m[1]!.trim()).filter(Boolean);
}

/** Moves a list's selection from the top down to the first row starting with `start`, waiting for each move to show. */
export async function selectRow(ui: ConsoleHarness, start: string): Promise<void> {
  await ui.press('g');
  await new Promise((resolve) => setTimeout(resolve, 150));
  for (let i = 0; i < 30 && !(ui.selectedRow() ?? '').startsWith(start); i++) {
    const before = ui.selectedRow();
    await ui.press('j');
    await ui.waitFor(() => ui.selectedRow() !== before, 1_000).catch(() => undefined);
  }
  expect(ui.selectedRow() ?? ui.lastFrame()).toMatch(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}
