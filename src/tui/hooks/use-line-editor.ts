import { useRef, useState } from 'react';
import type { KeyName } from '../keys/key-names.js';

export interface LineEditor {
  value: string;
  /** Cursor position in characters (0 … value length). */
  cursor: number;
  /**
   * The layer's onText: inserts typed or pasted text, handles Backspace, ← → Home End. Ink
   * reports the Backspace key of most terminals (DEL, 0x7f) as `delete`, and cannot tell it
   * from the Delete key: both delete the character before the cursor.
   */
  onText(input: string, name: KeyName | undefined): void;
  set(value: string): void;
  /** The current value without waiting for a render (keys can come faster than frames). */
  current(): string;
}

/** The state of a one-line input; the layer that owns the input feeds it (useCommands' onText). */
export function useLineEditor(initial = ''): LineEditor {
  const state = useRef({ value: initial, cursor: [...initial].length });
  const [, redraw] = useState(0);
  const update = (value: string, cursor: number) => {
    state.current = { value, cursor };
    redraw((n) => n + 1);
  };
  return {
    value: state.current.value,
    cursor: state.current.cursor,
    current: () => state.current.value,
    set: (value) => update(value, [...value].length),
    onText(input, name) {
      const chars = [...state.current.value];
      const at = state.current.cursor;
      if (name === 'backspace' || name === 'delete') return at > 0 ? update([...chars.slice(0, at - 1), ...chars.slice(at)].join(''), at - 1) : undefined;
      if (name === 'left') return update(state.current.value, Math.max(0, at - 1));
      if (name === 'right') return update(state.current.value, Math.min(chars.length, at + 1));
      if (name === 'home') return update(state.current.value, 0);
      if (name === 'end') return update(state.current.value, chars.length);
      // Typed or pasted text: line breaks and controls never enter a one-line value. A held
      // Backspace can arrive as one chunk of DEL (or BS) characters: each deletes one.
      let value = chars;
      let cursor = at;
      for (const ch of name === 'space' ? ' ' : input) {
        if (ch === '\x7f' || ch === '\b') {
          if (cursor > 0) value = [...value.slice(0, cursor - 1), ...value.slice(cursor)];
          cursor = Math.max(0, cursor - 1);
        } else if (ch >= ' ') {
          value = [...value.slice(0, cursor), ch, ...value.slice(cursor)];
          cursor += 1;
        }
      }
      if (value !== chars) update(value.join(''), cursor);
    },
  };
}
