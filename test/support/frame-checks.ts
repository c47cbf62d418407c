/** Checks on console frames: they fit the terminal, carry no colour (NO_COLOR), and hold nothing a terminal would act on. */
import stringWidth from 'string-width';
import { expect } from 'vitest';
import { stripSgr } from './console-render.js';

/** SGR codes that set a colour (fg, bg, bright, 256/true colour); bold, dim and reverse video are not colour. */
export const COLOUR_SGR = /\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

/** Everything in a frame that is not a plain character or an SGR code: what a terminal would act on. */
export function controls(frame: string): string[] {
  return [...frame.replace(/\x1b\[[0-9;]*m/g, '').matchAll(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g)].map((m) => m[0]);
}

/** Every frame written so far fits `columns` and is at most rows − 1 tall (ink#450). */
export function expectFits(ui: { frames(): readonly string[] }, columns: number, rows: number): void {
  for (const frame of ui.frames()) {
    const lines = stripSgr(frame).split('\n');
    expect(lines.length, frame).toBeLessThanOrEqual(rows - 1);
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
  }
}

/** No frame holds a control, an OSC, a cursor move or a bidi override: hostile text was rendered inert. */
export function expectInert(ui: { frames(): readonly string[] }): void {
  for (const raw of ui.frames()) {
    expect(controls(raw)).toEqual([]);
    expect(raw).not.toContain('\x1b]');
    expect(raw).not.toMatch(/\x1b\[[0-9;]*[A-HJKSTfsu]/);
  }
}
