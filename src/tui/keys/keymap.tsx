/**
 * Key dispatch: ONE useInput for the whole console turns a key into the command the bindings
 * table gives it in the scopes that are active, and calls the handler of the layer that
 * registered that command. Layers are registered with {@link useCommands}:
 * - `overlay` (help, command line, confirmation): while one is open it is modal, only it
 *   and `quit-now` hear keys;
 * - `screen` (the screen on top and its components: list, text, panes);
 * - `global` (the app: help, jump, back, quit, refresh).
 * A handler may return false to let a lower layer have the key. Hidden screens register
 * nothing (isActive false), so they never react. Line inputs (components/line-input.tsx) get
 * their typing through the same dispatch: layers are registered in a layout effect, so no key
 * typed right after an input opens is lost (an input with its own useInput would subscribe
 * in a passive effect, one render later).
 */
import { useInput } from 'ink';
import React, { createContext, useContext, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { BINDINGS, type CommandName, type KeyScope } from './bindings.js';
import { isTyping, keyNameOf, type KeyName } from './key-names.js';

export type CommandHandler = () => void | boolean;
export type CommandHandlers = Partial<Record<CommandName, CommandHandler>>;
export type LayerKind = 'overlay' | 'screen' | 'global';

/** Receives what is typed into a focused line input: a character, pasted text, backspace, ←, → … */
export type TextHandler = (input: string, name: KeyName | undefined) => void;

interface Layer {
  kind: LayerKind;
  scopes: readonly KeyScope[];
  handlers: { current: CommandHandlers };
  /** A line input is focused in this layer: typing keys go to it (onText), not to commands below. */
  capturesText: boolean;
  onText?: { current: TextHandler | undefined };
  order: number;
}

const RANK: Record<LayerKind, number> = { overlay: 2, screen: 1, global: 0 };

/** The registered layers and the dispatch over them. */
export class Keymap {
  private readonly layers = new Set<Layer>();
  private counter = 0;

  register(layer: Omit<Layer, 'order'>): () => void {
    const entry = { ...layer, order: this.counter++ };
    this.layers.add(entry);
    return () => void this.layers.delete(entry);
  }

  /**
   * Runs the command bound to this key in the highest layer that handles it, or hands typed
   * text to the focused line input; true when something took it. `name` is undefined for
   * pasted text (several characters at once).
   */
  dispatch(name: KeyName | undefined, input = ''): boolean {
    const all = [...this.layers].sort((a, b) => RANK[b.kind] - RANK[a.kind] || b.order - a.order);
    const modal = all.some((layer) => layer.kind === 'overlay');
    for (const layer of all) {
      if (modal && layer.kind === 'screen') continue;
      if (modal && layer.kind === 'global') return name !== undefined && this.run(layer, name, ['quit-now']);
      if (name !== undefined && this.run(layer, name)) return true;
      if (layer.capturesText && (name === undefined || isTyping(name))) {
        layer.onText?.current?.(input, name);
        return true;
      }
    }
    return false;
  }

  private run(layer: Layer, name: KeyName, only?: CommandName[]): boolean {
    for (const binding of BINDINGS) {
      if (!binding.keys.includes(name)) continue;
      if (only && !only.includes(binding.command)) continue;
      if (!binding.scopes.some((scope) => layer.scopes.includes(scope))) continue;
      const handler = layer.handlers.current[binding.command];
      if (handler && handler() !== false) return true;
    }
    return false;
  }
}

const KeymapContext = createContext<Keymap | null>(null);

/** Provides the keymap and owns the console's one useInput. */
export function KeymapProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const keymap = useMemo(() => new Keymap(), []);
  useInput((input, key) => {
    keymap.dispatch(keyNameOf(input, key), input);
  });
  return <KeymapContext.Provider value={keymap}>{children}</KeymapContext.Provider>;
}

/**
 * Registers command handlers for the scopes given while isActive: e.g. a list registers
 * `useCommands(['list'], { 'move-down': …, 'move-up': … }, { isActive: focused })`.
 * Handlers may change every render; the registration does not.
 */
export function useCommands(
  scopes: readonly KeyScope[],
  handlers: CommandHandlers,
  options: { isActive?: boolean; kind?: LayerKind; capturesText?: boolean; onText?: TextHandler } = {},
): void {
  const keymap = useContext(KeymapContext);
  if (!keymap) throw new Error('useCommands outside KeymapProvider');
  const ref = useRef(handlers);
  ref.current = handlers;
  const textRef = useRef(options.onText);
  textRef.current = options.onText;
  const { isActive = true, kind = 'screen', capturesText = false } = options;
  const scopeKey = scopes.join(',');
  // A layout effect: the layer is in place when the commit ends, before the next key arrives
  // (keys typed fast, or pasted, come in the same tick as the render they cause).
  useLayoutEffect(() => {
    if (!isActive) return undefined;
    return keymap.register({ kind, scopes: scopeKey.split(',') as KeyScope[], handlers: ref, capturesText, onText: textRef });
  }, [keymap, isActive, kind, scopeKey, capturesText]);
}
