import React, { createContext, useContext, useMemo, useReducer, type ReactNode } from 'react';
import { isScreenName, type ScreenName } from '../screens/screen-catalogue.js';
import { useBanner } from './banner.js';

/** A screen on the stack; `params` says what it shows (a device id, a job id…). */
export interface ScreenEntry {
  id: number;
  name: ScreenName;
  params: Readonly<Record<string, string>>;
}

export interface Navigation {
  /** Bottom (the overview) first, the screen shown last. */
  stack: readonly ScreenEntry[];
  /** Opens a screen on top (Enter on a row); a name this console has no screen for is refused in the banner. */
  push(name: ScreenName, params?: Record<string, string>): void;
  /** Goes back one screen; false on the root (the caller decides what that means: q quits). */
  back(): boolean;
  /** `:` — back to that screen when it is on the stack, else the overview with it on top. */
  jump(name: ScreenName): void;
}

type Action = { type: 'push'; name: ScreenName; params: Record<string, string> } | { type: 'back' } | { type: 'jump'; name: ScreenName };

let nextId = 1;
const entry = (name: ScreenName, params: Record<string, string> = {}): ScreenEntry => ({ id: nextId++, name, params });

function reduce(stack: readonly ScreenEntry[], action: Action): readonly ScreenEntry[] {
  switch (action.type) {
    case 'push':
      return [...stack, entry(action.name, action.params)];
    case 'back':
      return stack.length > 1 ? stack.slice(0, -1) : stack;
    case 'jump': {
      const at = stack.findIndex((e) => e.name === action.name);
      if (at >= 0) return stack.slice(0, at + 1);
      return [stack[0]!, entry(action.name)];
    }
  }
}

/** Exported for tests that record what a screen pushes. */
export const NavigationContext = createContext<Navigation | null>(null);

/** Holds the stack of screens; the root is the overview and is never popped. */
export function NavigationProvider({ children, root = 'overview' }: { children: ReactNode; root?: ScreenName }): React.JSX.Element {
  const [stack, dispatch] = useReducer(reduce, undefined, () => [entry(root)]);
  const banner = useBanner();
  const navigation = useMemo<Navigation>(
    () => ({
      stack,
      push: (name, params = {}) => (isScreenName(name) ? dispatch({ type: 'push', name, params }) : banner.show('error', `this console has no ${name} screen`)),
      back: () => {
        if (stack.length <= 1) return false;
        dispatch({ type: 'back' });
        return true;
      },
      jump: (name) => dispatch({ type: 'jump', name }),
    }),
    [stack, banner],
  );
  return <NavigationContext.Provider value={navigation}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}
