/** docs/console.md, made from the bindings table and the screen catalogue (`npm run docs:console` writes it). */
import { SCREEN_NAMES, SCREENS } from '../screens/screen-catalogue.js';
import { bindingsIn, type Binding, type KeyScope } from './bindings.js';

const OVERLAYS: Array<{ scope: KeyScope; title: string }> = [
  { scope: 'help', title: 'Help overlay (`?`)' },
  { scope: 'command-line', title: 'Command line (`:`)' },
  { scope: 'confirm', title: 'Confirmation (a question before a dangerous action)' },
  { scope: 'input', title: 'Typed input (a secret, a confirmation word)' },
];

// The weakest role that may use a binding (over SSH; the local console is admin).
const ROLE_OF = { read: 'viewer', operate: 'operator', admin: 'admin' } as const;

function table(bindings: Binding[]): string {
  const rows = bindings.map((b) => `| ${b.label.split(' ').map((k) => `\`${k}\``).join(' ')} | ${b.command} | ${ROLE_OF[b.needs]} | ${b.help.replace(/\|/g, '\\|')} |`);
  return ['| key | command | role | what it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The whole page. */
export function consoleDoc(): string {
  const parts = [
    '# The NetRaven console: screens and keys',
    '',
    'Generated from the bindings table (`src/tui/keys/bindings.ts`) and the screen catalogue',
    '(`src/tui/screens/screen-catalogue.ts`) by `npm run docs:console`; a test fails when this page',
    'and the table differ. `npm start` (or `netraven`, or `netraven console`) opens the console on a terminal.',
    '"role" is the weakest role that may use a key in the SSH console (`netraven serve-ssh`): viewer, then operator,',
    'then admin; footers and `?` show each operator only the keys of their role. The local console is admin.',
    '',
    '## Everywhere',
    '',
    table(bindingsIn(['global'])),
  ];
  for (const name of SCREEN_NAMES) {
    const screen = SCREENS[name];
    parts.push('', `## ${name}`, '', `${screen.description}.`, '', table(bindingsIn([name, ...screen.contexts]).filter((b) => !b.scopes.includes('global'))));
  }
  for (const overlay of OVERLAYS) parts.push('', `## ${overlay.title}`, '', table(bindingsIn([overlay.scope])));
  return `${parts.join('\n')}\n`;
}
