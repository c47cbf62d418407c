/**
 * Every colour of the console, by meaning. With NO_COLOR (https://no-color.org) the same roles
 * keep only bold, dim and reverse video, so nothing depends on colour to be understood and the
 * selection stays visible.
 */
import { defaultTheme, extendTheme, type Theme as UiTheme } from '@inkjs/ui';
import chalk from 'chalk';

/** Props for an Ink <Text>. */
export interface TextStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

const ROLES = {
  header: { color: 'black', backgroundColor: 'cyan', bold: true },
  title: { color: 'cyan', bold: true },
  label: { dimColor: true },
  muted: { dimColor: true },
  key: { color: 'cyan', bold: true },
  selected: { inverse: true },
  ok: { color: 'green' },
  failed: { color: 'red' },
  warn: { color: 'yellow' },
  stale: { color: 'yellow' },
  never: { color: 'magenta' },
  running: { color: 'blue' },
  bannerError: { color: 'white', backgroundColor: 'red', bold: true },
  bannerNotice: { color: 'black', backgroundColor: 'yellow' },
  progressDone: { color: 'green' },
  progressLeft: { dimColor: true },
  diffAdd: { color: 'green' },
  diffRemove: { color: 'red' },
  diffHunk: { color: 'cyan' },
  diffHeader: { bold: true },
  match: { color: 'black', backgroundColor: 'yellow' },
} as const satisfies Record<string, TextStyle>;

export type StyleRole = keyof typeof ROLES;

/** Styles by role, plus whether colour is on. */
export interface Theme {
  colour: boolean;
  style(role: StyleRole): TextStyle;
  /** The matching @inkjs/ui theme (progress bar, spinner, inputs). */
  ui: UiTheme;
}

/** Only the attributes that are not colour: what NO_COLOR leaves. */
function plain(style: TextStyle): TextStyle {
  const { color: _color, backgroundColor: _background, ...rest } = style;
  return rest;
}

/** NO_COLOR plain text for the roles that would otherwise be told apart by colour alone. */
const PLAIN_OVERRIDES: Partial<Record<StyleRole, TextStyle>> = {
  header: { bold: true, inverse: true },
  bannerError: { bold: true, inverse: true },
  bannerNotice: { inverse: true },
  match: { inverse: true },
  failed: { bold: true },
};

/** The theme for a terminal: colour unless `colour` is false. */
export function createTheme(colour: boolean): Theme {
  const style = (role: StyleRole): TextStyle => (colour ? ROLES[role] : (PLAIN_OVERRIDES[role] ?? plain(ROLES[role])));
  const ui = extendTheme(defaultTheme, {
    components: {
      ProgressBar: { styles: { completed: () => ({ ...style('progressDone') }), remaining: () => ({ ...style('progressLeft') }) } },
      Spinner: { styles: { frame: () => ({ ...style('running') }) } },
    },
  });
  return { colour, style, ui };
}

/** Colour unless NO_COLOR is set to anything but the empty string, or the output is not a terminal. */
export function colourWanted(env: Record<string, string | undefined>, output: { isTTY?: boolean }): boolean {
  return Boolean(output.isTTY) && !env.NO_COLOR;
}

/**
 * Ink colours through chalk, which decides its level once from the process's own stdout. A
 * console rendering into another stream (an SSH channel, a test) that wants colour needs it on.
 */
export function enableColourOutput(): void {
  if (chalk.level === 0) chalk.level = 2;
}
