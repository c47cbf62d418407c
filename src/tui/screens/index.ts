/** Screen name → component. A new screen: its file here, its entry in screen-catalogue.ts, its bindings, its tests. */
import type React from 'react';
import { OverviewScreen } from './overview-screen.js';
import type { ScreenName } from './screen-catalogue.js';

export const SCREEN_COMPONENTS: Record<ScreenName, () => React.JSX.Element> = {
  overview: OverviewScreen,
};
