import { useEffect, useState } from 'react';
import type { KeyScope } from '../keys/bindings.js';
import { useCommands } from '../keys/keymap.js';

/**
 * The first visible line of a text (a configuration, a log, the help): the movement commands
 * scroll it while `isActive`. `scope` is `text` on screens and `help` in the help overlay.
 */
export function useTextScroll(lineCount: number, visibleRows: number, isActive: boolean, scope: KeyScope = 'text'): { top: number; scrollTo(line: number): void } {
  const [top, setTop] = useState(0);
  const last = Math.max(0, lineCount - visibleRows);
  useEffect(() => {
    if (top > last) setTop(last);
  }, [top, last]);
  const by = (n: number) => setTop((t) => Math.max(0, Math.min(last, t + n)));
  const page = Math.max(1, visibleRows - 1);
  useCommands(
    [scope],
    {
      'move-down': () => by(1),
      'move-up': () => by(-1),
      'page-down': () => by(page),
      'page-up': () => by(-page),
      top: () => setTop(0),
      bottom: () => setTop(last),
    },
    { isActive, kind: scope === 'help' ? 'overlay' : 'screen' },
  );
  return { top: Math.min(top, last), scrollTo: (line) => setTop(Math.max(0, Math.min(last, line))) };
}
