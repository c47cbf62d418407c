import { createContext, useContext } from 'react';
import type { ScreenEntry } from './navigation.js';

/** What a mounted screen knows about itself. */
export interface ScreenState {
  entry: ScreenEntry;
  /** The screen is shown (top of the stack): only then it registers keys and follows live data. */
  isTop: boolean;
  /** Grows on Ctrl-r: data hooks read again when it changes. */
  refreshToken: number;
  /** Columns and rows the screen may use (between the header and the banner). */
  width: number;
  height: number;
}

export const ScreenContext = createContext<ScreenState | null>(null);

/** The state of the screen this component is on. */
export function useScreen(): ScreenState {
  const state = useContext(ScreenContext);
  if (!state) throw new Error('useScreen outside a screen');
  return state;
}
