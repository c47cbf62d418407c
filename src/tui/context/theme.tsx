import { ThemeProvider as UiThemeProvider } from '@inkjs/ui';
import React, { createContext, useContext, type ReactNode } from 'react';
import { createTheme, type Theme } from '../theme.js';

const ThemeContext = createContext<Theme>(createTheme(false));

/** Our theme and the matching @inkjs/ui theme. */
export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }): React.JSX.Element {
  return (
    <ThemeContext.Provider value={theme}>
      <UiThemeProvider theme={theme.ui}>{children}</UiThemeProvider>
    </ThemeContext.Provider>
  );
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
