import type { Command } from 'commander';
import { searchConfigurations } from '../../db/queries/search-configurations.js';
import { NetRavenError } from '../../errors.js';
import { withDatabase } from '../database-session.js';
import { integerIn } from '../options.js';
import { printJson, type Output } from '../output.js';
import { paint, useColour } from '../terminal-text.js';
import { sanitise, sanitiseLine } from '../../sanitise.js';

interface SearchFlags {
  history?: boolean;
  substring?: boolean;
  json?: boolean;
  limit: number;
}

/** Marks every case-insensitive occurrence of text in line. */
function highlight(line: string, text: string): string {
  const lower = line.toLowerCase();
  const needle = text.toLowerCase();
  let out = '';
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1 && needle.length > 0; at = lower.indexOf(needle, from)) {
    out += line.slice(from, at) + paint(true, 'yellow', line.slice(at, at + needle.length));
    from = at + needle.length;
  }
  return out + line.slice(from);
}

/** `netraven search TEXT`: devices whose configuration contains TEXT, with the matching lines. */
export function registerSearchCommand(program: Command, output: Output): void {
  program
    .command('search <text>')
    .description('find TEXT (ignoring case) in the latest configuration of every device, and show the matching lines')
    .option('--history', 'search every stored version, not only the latest')
    .option('--substring', 'also match inside words (e.g. "0.0.1" inside 10.0.0.1); slower for short, common text')
    .option('--limit <n>', 'at most this many configurations', integerIn(1, 1000), 100)
    .option('--json', 'print JSON')
    .action((text: string, flags: SearchFlags) =>
      withDatabase(async ({ knex }) => {
        if (text.trim().length === 0) throw new NetRavenError('INPUT_INVALID', 'search text is empty');
        const matches = await searchConfigurations(knex, text, { history: flags.history, substring: flags.substring, limit: flags.limit });
        if (flags.json) return printJson(output, { matches });
        if (matches.length === 0) {
          output.err(`no configuration contains ${sanitiseLine(JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text))}${flags.history ? '' : ' (latest versions; add --history for older ones)'}\n`);
          return;
        }
        const colour = useColour(output);
        for (const match of matches) {
          output.out(`${paint(colour, 'bold', match.hostname)}  ${match.retrievedAt.toISOString()}  version ${match.configurationId}\n`);
          for (const line of match.lines) {
            const plain = sanitise(line.text);
            output.out(`  ${String(line.number).padStart(6)}: ${colour ? highlight(plain, text) : plain}\n`);
          }
        }
        if (matches.length === flags.limit) output.err(`showing the first ${flags.limit} configurations: raise --limit or narrow the text\n`);
      }),
    );
}
