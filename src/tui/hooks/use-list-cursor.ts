import { useEffect, useState } from 'react';
import { useCommands } from '../keys/keymap.js';

/**
 * The selection in a list held in memory (a few dozen rows: running jobs, failures): the list
 * movement commands (↓ ↑ j k, PgDn PgUp Ctrl-d Ctrl-u, g G) while `isActive`. Lists paged from
 * the database use useKeysetRows instead.
 */
export function useListCursor(length: number, pageRows: number, isActive: boolean): { selected: number; select(index: number): void } {
  const [selected, setSelected] = useState(0);
  const last = Math.max(0, length - 1);
  useEffect(() => {
    if (selected > last) setSelected(last);
  }, [selected, last]);
  const move = (by: number) => setSelected((s) => Math.max(0, Math.min(last, s + by)));
  const page = Math.max(1, pageRows - 1);
  useCommands(
    ['list'],
    {
      'move-down': () => move(1),
      'move-up': () => move(-1),
      'page-down': () => move(page),
      'page-up': () => move(-page),
      top: () => setSelected(0),
      bottom: () => setSelected(last),
    },
    { isActive },
  );
  return { selected: Math.min(selected, last), select: (index) => setSelected(Math.max(0, Math.min(last, index))) };
}
