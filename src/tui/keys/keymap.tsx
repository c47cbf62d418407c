/**
 * Key dispatch: ONE useInput for the whole console turns a key into the command the bindings
 * table gives it in the scopes that are active, and calls the handler of the layer that
 * registered that command. Layers are registered with {@link useCommands}:
 * - `overlay` (help, command line, confirmation): while one is open it is modal, only it
 *   and `quit-now` hear keys;
 * - `input` (a line input inside a screen: a filter, a search): above the screen's commands,
 *   so while it takes typing no character reaches them; it can take typing from the very key
 *   that opens it (`capturesText` is asked at each key, no render in between);
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
import { roleAllows, type ActionClass } from '../../console/actor.js';
import { useBanner } from '../context/banner.js';
import { useServicesIfAny } from '../context/services.js';
import { BINDINGS, type Binding, type CommandName, type KeyScope } from './bindings.js';
import { isTyping, keyNameOf, type KeyName } from './key-names.js';

export type CommandHandler = () => void | boolean;
export type CommandHandlers = Partial<Record<CommandName, CommandHandler>>;
export type LayerKind = 'overlay' | 'input' | 'screen' | 'global';

/** Receives what is typed into a focused line input: a character, pasted text, backspace, ←, → … */
export type TextHandler = (input: string, name: KeyName | undefined) => void;

interface Layer {
  kind: LayerKind;
  scopes: readonly KeyScope[];
  handlers: { current: CommandHandlers };
  /** A line input is focused in this layer (asked at each key): typing keys go to it (onText), not to commands below. */
  capturesText: () => boolean;
  onText?: { current: TextHandler | undefined };
  order: number;
}

const RANK: Record<LayerKind, number> = { overlay: 3, input: 2, screen: 1, global: 0 };

/** Longest a hold keeps keys back (a check that hangs must not leave the console deaf). */
const HOLD_MAX_MS = 5_000;

/** The key a piece of a chunk is: itself when it is one character (space and Backspace by name), else undefined (text). */
function singleKey(text: string): KeyName | undefined {
  if (text === ' ') return 'space';
  if (text === '\x7f' || text === '\b') return 'backspace';
  return [...text].length === 1 ? text : undefined;
}

/** What the operator's role allows, and what to do with a key it does not (a banner, a log line). */
export interface KeyPermissions {
  allows(needs: ActionClass): boolean;
  refused(binding: Binding): void;
}

const EVERYTHING: KeyPermissions = { allows: () => true, refused: () => undefined };

/** The registered layers and the dispatch over them. */
export class Keymap {
  private readonly layers = new Set<Layer>();
  private counter = 0;
  private holds = 0;
  private readonly held: Array<[KeyName | undefined, string]> = [];

  /**
   * Keeps keys back (Ctrl-C aside) until the returned release is called, then hands them over
   * in order: for a form step that checks its value with the database before the next step
   * exists, so what the operator types on meanwhile reaches the next step, not the old one.
   * Release after the next step's layer is registered (a layout effect of its parent).
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      this.holds--;
      // Replaying may start another hold (an Enter that checks again): the rest waits for it.
      while (this.holds === 0 && this.held.length > 0) {
        const [name, input] = this.held.shift()!;
        this.dispatch(name, input);
      }
    };
    const timer = setTimeout(release, HOLD_MAX_MS);
    return release;
  }

  /** `permissions`: a key whose binding needs more than the role allows runs nothing and is reported (the footer does not show it). */
  constructor(private readonly permissions: KeyPermissions = EVERYTHING) {}

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
    if (this.holds > 0 && name !== 'ctrl+c') {
      this.held.push([name, input]);
      return true;
    }
    // Keys typed faster than the console reads them (a busy moment) arrive as one chunk, like a
    // paste. An Enter or a Tab in it ("g\r", "/core\r") is a key of its own, after what came
    // before it; escape sequences are left whole (Ink parsed the chunk as one).
    if (name === undefined && /[\r\t]/.test(input) && !input.includes('\x1b')) {
      let took = false;
      for (const part of input.split(/([\r\t])/)) {
        if (part !== '') took = this.dispatch(part === '\r' ? 'return' : part === '\t' ? 'tab' : singleKey(part), part) || took;
      }
      return took;
    }
    if (this.dispatchOnce(name, input)) return true;
    // With no line input to take the chunk, each character is the key it was (DEL and BS: Backspace).
    if (name !== undefined || [...input].length < 2 || /[\x00-\x07\x09-\x1f]/.test(input)) return false;
    let took = false;
    for (const ch of input) took = this.dispatchOnce(singleKey(ch), ch) || took;
    return took;
  }

  private dispatchOnce(name: KeyName | undefined, input: string): boolean {
    const all = [...this.layers].sort((a, b) => RANK[b.kind] - RANK[a.kind] || b.order - a.order);
    const modal = all.some((layer) => layer.kind === 'overlay');
    for (const layer of all) {
      if (modal && (layer.kind === 'screen' || layer.kind === 'input')) continue;
      if (modal && layer.kind === 'global') return name !== undefined && this.run(layer, name, ['quit-now']);
      if (name !== undefined && this.run(layer, name)) return true;
      if (layer.capturesText() && (name === undefined || isTyping(name))) {
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
      if (handler && !this.permissions.allows(binding.needs)) {
        this.permissions.refused(binding);
        return true;
      }
      if (handler && handler() !== false) return true;
    }
    return false;
  }
}

const KeymapContext = createContext<Keymap | null>(null);

/** Provides the keymap and owns the console's one useInput; keys the operator's role lacks show "not allowed for role …" in the banner. */
export function KeymapProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const services = useServicesIfAny();
  const banner = useBanner();
  const keymap = useMemo(
    () =>
      new Keymap(
        services
          ? {
              allows: (needs) => roleAllows(services.actor.role, needs),
              refused: (binding) => banner.show('error', services.notAllowed(`${binding.label} (${binding.command})`, binding.needs).message),
            }
          : undefined,
      ),
    [services, banner],
  );
  useInput((input, key) => {
    keymap.dispatch(keyNameOf(input, key), input);
  });
  return <KeymapContext.Provider value={keymap}>{children}</KeymapContext.Provider>;
}

/** The console's keymap, for a component that must hold keys back (Keymap.hold). */
export function useKeymap(): Keymap {
  const keymap = useContext(KeymapContext);
  if (!keymap) throw new Error('useKeymap outside KeymapProvider');
  return keymap;
}

/**
 * Registers command handlers for the scopes given while isActive: e.g. a list registers
 * `useCommands(['list'], { 'move-down': …, 'move-up': … }, { isActive: focused })`.
 * Handlers may change every render; the registration does not.
 */
export function useCommands(
  scopes: readonly KeyScope[],
  handlers: CommandHandlers,
  options: { isActive?: boolean; kind?: LayerKind; capturesText?: boolean | (() => boolean); onText?: TextHandler } = {},
): void {
  const keymap = useContext(KeymapContext);
  if (!keymap) throw new Error('useCommands outside KeymapProvider');
  const ref = useRef(handlers);
  ref.current = handlers;
  const textRef = useRef(options.onText);
  textRef.current = options.onText;
  const captures = useRef(options.capturesText);
  captures.current = options.capturesText;
  const { isActive = true, kind = 'screen' } = options;
  const scopeKey = scopes.join(',');
  // A layout effect: the layer is in place when the commit ends, before the next key arrives
  // (keys typed fast, or pasted, come in the same tick as the render they cause).
  useLayoutEffect(() => {
    if (!isActive) return undefined;
    const capturesText = () => {
      const c = captures.current;
      return typeof c === 'function' ? c() : Boolean(c);
    };
    return keymap.register({ kind, scopes: scopeKey.split(',') as KeyScope[], handlers: ref, capturesText, onText: textRef });
  }, [keymap, isActive, kind, scopeKey]);
}
