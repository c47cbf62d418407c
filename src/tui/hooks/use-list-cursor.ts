import { useRef, useState } from 'react';
import { useCommands } from '../keys/keymap.js';

/**
 * The selection in a list held in memory (a few dozen rows: running jobs, failures): the list
 * movement commands (↓ ↑ j k, PgDn PgUp Ctrl-d Ctrl-u, g G) while `isActive`. Lists paged from
 * the database use useKeysetRows instead.
 */
export function useListCursor(length: number, pageRows: number, isActive: boolean): { selected: number; select(index: number): void; now(): number } {
  const [, setRendered] = useState(0);
  const last = Math.max(0, length - 1);
  // The list may shrink under the selection (a row removed): every move starts from the row
  // shown. Clamping here, not in an effect: a passive effect that clamps could run after the
  // operator's next key and undo it (it did: g after a removal was lost).
  const lastRef = useRef(last);
  lastRef.current = last;
  const clamp = (index: number) => Math.max(0, Math.min(lastRef.current, index));
  // Held in a ref, so a key handled before the next render (keys typed in one breath) sees the move.
  const selectedRef = useRef(0);
  const setSelected = (index: number) => {
    selectedRef.current = index;
    setRendered((n) => n + 1);
  };
  const move = (by: number) => setSelected(clamp(clamp(selectedRef.current) + by));
  const page = Math.max(1, pageRows - 1);
  useCommands(
    ['list'],
    {
      'move-down': () => move(1),
      'move-up': () => move(-1),
      'page-down': () => move(page),
      'page-up': () => move(-page),
      top: () => setSelected(0),
      bottom: () => setSelected(lastRef.current),
    },
    { isActive },
  );
  return { selected: Math.min(selectedRef.current, last), select: (index) => setSelected(clamp(index)), now: () => clamp(selectedRef.current) };
}
