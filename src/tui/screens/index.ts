/** Screen name → component. A new screen: its file here, its entry in screen-catalogue.ts, its bindings, its tests. */
import type React from 'react';
import { CredentialsScreen } from './credentials-screen.js';
import { DeviceScreen } from './device-screen.js';
import { DevicesScreen } from './devices-screen.js';
import { DiffScreen } from './diff-screen.js';
import { JobsScreen } from './jobs-screen.js';
import { KeysScreen } from './keys-screen.js';
import { LogScreen } from './log-screen.js';
import { OperatorsScreen } from './operators-screen.js';
import { OverviewScreen } from './overview-screen.js';
import { SchedulesScreen } from './schedules-screen.js';
import type { ScreenName } from './screen-catalogue.js';
import { SearchScreen } from './search-screen.js';
import { SettingsScreen } from './settings-screen.js';
import { VersionScreen } from './version-screen.js';

export const SCREEN_COMPONENTS: Record<ScreenName, () => React.JSX.Element> = {
  overview: OverviewScreen,
  devices: DevicesScreen,
  device: DeviceScreen,
  version: VersionScreen,
  diff: DiffScreen,
  jobs: JobsScreen,
  log: LogScreen,
  search: SearchScreen,
  credentials: CredentialsScreen,
  keys: KeysScreen,
  schedules: SchedulesScreen,
  settings: SettingsScreen,
  operators: OperatorsScreen,
};
