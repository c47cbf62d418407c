/** Screen name → component. A new screen: its file here, its entry in screen-catalogue.ts, its bindings, its tests. */
import type React from 'react';
import { CredentialsScreen } from './credentials-screen.js';
import { KeysScreen } from './keys-screen.js';
import { OverviewScreen } from './overview-screen.js';
import type { ScreenName } from './screen-catalogue.js';
import { SchedulesScreen } from './schedules-screen.js';
import { SettingsScreen } from './settings-screen.js';

export const SCREEN_COMPONENTS: Record<ScreenName, () => React.JSX.Element> = {
  overview: OverviewScreen,
  credentials: CredentialsScreen,
  keys: KeysScreen,
  schedules: SchedulesScreen,
  settings: SettingsScreen,
};
