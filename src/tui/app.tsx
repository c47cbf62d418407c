/**
 * The console: providers, the screen router (a stack of screens, the overview at the
 * bottom), the global keys, and the frame — header, screen, banner, footer — kept one row
 * shorter than the terminal (a full-height frame makes Ink 6 clear the screen on every
 * render: ink#450). Screens stay mounted below the top one (they keep their place) but
 * neither take keys nor follow live data.
 */
import { Box, useApp } from 'ink';
import React, { useEffect, useState } from 'react';
import type { ConsoleServices } from '../console/console-services.js';
import { Banner } from './components/banner.js';
import { CommandLine } from './components/command-line.js';
import { Confirm, confirmHeight } from './components/confirm.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { EnlargeMessage, tooSmall } from './components/size-guard.js';
import { BannerProvider, useBanner } from './context/banner.js';
import { NavigationProvider, useNavigation, type ScreenEntry } from './context/navigation.js';
import { OverlayProvider, useOverlay } from './context/overlay.js';
import { ScreenContext } from './context/screen.js';
import { ServicesProvider, useServices } from './context/services.js';
import { ThemeProvider } from './context/theme.js';
import { count } from './format.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { KeyScope } from './keys/bindings.js';
import { KeymapProvider, useCommands } from './keys/keymap.js';
import { SCREEN_COMPONENTS } from './screens/index.js';
import { SCREENS } from './screens/screen-catalogue.js';
import type { Theme } from './theme.js';

export interface AppProps {
  services: ConsoleServices;
  theme: Theme;
  /** Errors a screen threw while rendering, with their stack: for the console's error log, never the screen. */
  onError(err: unknown): void;
}

export function App({ services, theme, onError }: AppProps): React.JSX.Element {
  return (
    <ServicesProvider services={services}>
      <ThemeProvider theme={theme}>
        <BannerProvider>
          <OverlayProvider>
            <NavigationProvider>
              <KeymapProvider>
                <Frame onError={onError} />
              </KeymapProvider>
            </NavigationProvider>
          </OverlayProvider>
        </BannerProvider>
      </ThemeProvider>
    </ServicesProvider>
  );
}

/** The scopes whose keys apply on a screen: its own, its components' contexts, the global ones. */
export function scopesOf(entry: ScreenEntry): KeyScope[] {
  return ['global', entry.name, ...SCREENS[entry.name].contexts];
}

function Frame({ onError }: { onError(err: unknown): void }): React.JSX.Element {
  const { columns, rows } = useTerminalSize();
  const { exit } = useApp();
  const services = useServices();
  const navigation = useNavigation();
  const overlay = useOverlay();
  const banner = useBanner();
  const [refreshToken, setRefreshToken] = useState(0);
  const top = navigation.stack[navigation.stack.length - 1]!;
  const small = tooSmall(columns, rows);

  useEffect(() => {
    const say = (state: 'lost' | 'back') =>
      state === 'lost' ? banner.show('error', 'database connection lost: reconnecting; the screens keep what they last read') : banner.show('notice', 'database connection is back');
    if (services.databaseLost()) say('lost');
    return services.subscribe((event) => {
      if (event.type === 'database') say(event.state);
    });
  }, [services, banner]);

  const quit = () => {
    // An SSH session's sweeps belong to the server: they go on after it, nothing to ask.
    const sweeps = services.ownsSweeps ? services.sweepsHere() : [];
    if (sweeps.length === 0) return exit();
    const devices = sweeps.reduce((sum, s) => sum + s.total - (s.progress?.done ?? 0), 0);
    overlay.confirm({
      question: `Quit and cancel ${sweeps.length === 1 ? 'the sweep' : `${sweeps.length} sweeps`} this console runs (${count(devices)} devices not done)?`,
      detail: 'devices already running finish first',
      onYes: () => exit(),
    });
  };
  useCommands(
    ['global'],
    {
      help: () => overlay.open({ kind: 'help' }),
      jump: () => overlay.open({ kind: 'command-line' }),
      back: () => void navigation.back(),
      quit: () => {
        if (!navigation.back()) quit();
      },
      'quit-now': () => exit(),
      refresh: () => setRefreshToken((n) => n + 1),
    },
    { kind: 'global' },
  );

  const confirmRows = overlay.overlay?.kind === 'confirm' ? confirmHeight(overlay.overlay) : 0;
  const bodyHeight = Math.max(1, rows - 1 - 3 - confirmRows);
  const helpOpen = overlay.overlay?.kind === 'help';
  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)} overflow="hidden">
      {small ? <EnlargeMessage columns={columns} rows={rows} /> : <Header screen={top.name} width={columns} />}
      <Box flexDirection="column" width={columns} height={bodyHeight} display={small ? 'none' : 'flex'}>
        {navigation.stack.map((entry) => {
          const Screen = SCREEN_COMPONENTS[entry.name];
          const shown = entry === top && !helpOpen;
          const state = { entry, isTop: entry === top && !small, refreshToken: entry === top ? refreshToken : 0, width: columns, height: bodyHeight };
          return (
            <Box key={entry.id} display={shown ? 'flex' : 'none'} flexDirection="column" width={columns} height={bodyHeight}>
              <ScreenContext.Provider value={state}>
                <ErrorBoundary onError={onError} resetKey={state.refreshToken}>
                  <Screen />
                </ErrorBoundary>
              </ScreenContext.Provider>
            </Box>
          );
        })}
        {helpOpen ? <HelpOverlay screen={top.name} scopes={scopesOf(top)} width={columns} height={bodyHeight} onClose={overlay.close} /> : null}
      </Box>
      {!small && overlay.overlay?.kind === 'confirm' ? <Confirm request={overlay.overlay} width={columns} onDone={overlay.close} /> : null}
      {small ? null : <Banner width={columns} />}
      {small ? null : overlay.overlay?.kind === 'command-line' ? (
        <CommandLine
          width={columns}
          onClose={overlay.close}
          onJump={(name) => {
            overlay.close();
            navigation.jump(name);
          }}
        />
      ) : (
        <Footer scopes={scopesOf(top)} width={columns} />
      )}
    </Box>
  );
}
