/**
 * Key dispatch: ONE useInput for the whole console turns a key into the command the bindings
 * table gives it in the scopes that are active, and calls the handler of the layer that
 * registered that command. Layers are registered with {@link useCommands}:
 * - `overlay` (help, command line, confirmation): while one is open it is modal, only it
 *   and `quit-now` hear keys;
 * - `screen` (the screen on top and its components: list, text, panes);
 * - `global` (the app: help, jump, back, quit, refresh).
 * A handler may return false to let a lower layer have the key. Hidden screens register
 * nothing (isActive false), so they never react.
 */
import { useInput } from 'ink';
import React, { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { BINDINGS, type CommandName, type KeyScope } from './bindings.js';
import { isTyping, keyNameOf, type KeyName } from './key-names.js';

export type CommandHandler = () => void | boolean;
export type CommandHandlers = Partial<Record<CommandName, CommandHandler>>;
export type LayerKind = 'overlay' | 'screen' | 'global';

interface Layer {
  kind: LayerKind;
  scopes: readonly KeyScope[];
  handlers: { current: CommandHandlers };
  /** A text input is focused in this layer: typing keys are left to it. */
  capturesText: boolean;
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

  /** Runs the command bound to this key in the highest layer that handles it; true when one did. */
  dispatch(name: KeyName): boolean {
    const all = [...this.layers].sort((a, b) => RANK[b.kind] - RANK[a.kind] || b.order - a.order);
    const modal = all.some((layer) => layer.kind === 'overlay');
    for (const layer of all) {
      if (modal && layer.kind === 'screen') continue;
      if (modal && layer.kind === 'global') return this.run(layer, name, ['quit-now']);
      if (this.run(layer, name)) return true;
      if (layer.capturesText && isTyping(name)) return false;
    }
    return false;
  }

  private run(layer: Layer, name: KeyName, only?: CommandName[]): boolean {
    for (const binding of BINDINGS) {
      if (binding.readByInput || !binding.keys.includes(name)) continue;
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
    const name = keyNameOf(input, key);
    if (name !== undefined) keymap.dispatch(name);
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
  options: { isActive?: boolean; kind?: LayerKind; capturesText?: boolean } = {},
): void {
  const keymap = useContext(KeymapContext);
  if (!keymap) throw new Error('useCommands outside KeymapProvider');
  const ref = useRef(handlers);
  ref.current = handlers;
  const { isActive = true, kind = 'screen', capturesText = false } = options;
  const scopeKey = scopes.join(',');
  useEffect(() => {
    if (!isActive) return undefined;
    return keymap.register({ kind, scopes: scopeKey.split(',') as KeyScope[], handlers: ref, capturesText });
  }, [keymap, isActive, kind, scopeKey, capturesText]);
}
