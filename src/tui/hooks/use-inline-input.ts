import { useRef, useState } from 'react';
import { useCommands } from '../keys/keymap.js';
import { useLineEditor, type LineEditor } from './use-line-editor.js';

export interface InlineInput {
  editor: LineEditor;
  /** The input is open (taking typing). */
  isOpen: boolean;
  /** Opens it with this text; it takes the very next key, even one that comes before the next render. */
  open(text: string): void;
  close(): void;
}

/**
 * A one-line input inside a screen (the devices filter, the text search), on the `input` key
 * layer above the screen's own keys: while it is open, `r` or `s` typed into it are letters,
 * never commands, however fast they come after the key that opened it. Enter calls `onSubmit`
 * (which may return false to stay open: the text has a mistake), Esc calls `onCancel`; both close it.
 */
export function useInlineInput(isTop: boolean, handlers: { onSubmit(text: string): boolean | void; onCancel(): void; onChange?(text: string): void }): InlineInput {
  const editor = useLineEditor();
  const openRef = useRef(false);
  const [isOpen, setOpen] = useState(false);
  const latest = useRef(handlers);
  latest.current = handlers;
  const close = () => {
    openRef.current = false;
    setOpen(false);
  };
  useCommands(
    ['input'],
    {
      submit: () => {
        if (!openRef.current) return false;
        if (latest.current.onSubmit(editor.current()) !== false) close();
        return true;
      },
      back: () => {
        if (!openRef.current) return false;
        close();
        latest.current.onCancel();
        return true;
      },
    },
    {
      kind: 'input',
      isActive: isTop,
      capturesText: () => openRef.current,
      onText: (input, name) => {
        editor.onText(input, name);
        latest.current.onChange?.(editor.current());
      },
    },
  );
  return {
    editor,
    isOpen,
    open(text) {
      editor.set(text);
      openRef.current = true;
      setOpen(true);
    },
    close,
  };
}
