import type { Command } from 'commander';
import { unifiedDiff } from '../../retrieval/configs/config-diff.js';
import { configurationHistory, getVersion, streamVersion, versionPair } from '../../retrieval/configs/config-versions.js';
import { indexConfigurations } from '../../db/queries/index-configurations.js';
import { withDatabase } from '../database-session.js';
import type { PagingFlags } from '../options.js';
import { printJson, printTable, type Output } from '../output.js';
import { pagedList } from '../paged-list.js';
import { sanitise } from '../../sanitise.js';
import { colourDiff, useColour } from '../terminal-text.js';

/** `netraven configs show|history|diff|index`. */
export function registerConfigsCommands(program: Command, output: Output): void {
  const configs = program.command('configs').description('stored configuration versions');

  configs
    .command('show <hostname>')
    .description('print a stored configuration (the latest unless --version)')
    .option('--version <id>', 'a version id, or its first 8+ characters (see `configs history`)')
    .option('--json', 'print JSON: the version and its content (exact; invisible characters as \\u escapes)')
    .option('--raw', 'write the stored text exactly, invisible and bidirectional characters included (for a file; not for a terminal)')
    .action((hostname: string, flags: { version?: string; json?: boolean; raw?: boolean }) =>
      withDatabase(async ({ knex }) => {
        if (flags.json) {
          const { hostname: name, version } = await getVersion(knex, hostname, flags.version);
          return printJson(output, { hostname: name, ...version });
        }
        // Streamed in pieces ending at line ends (a 100 MB configuration is never whole in memory). Through a
        // pipe too: `| less` and `| grep` end at a terminal. --raw is the exact copy.
        await streamVersion(knex, hostname, flags.version, async (piece) => {
          if (output.closed?.aborted === true) return false;
          output.out(flags.raw ? piece : sanitise(piece));
          await output.drained?.();
          return true;
        });
      }),
    );

  configs
    .command('index')
    .description('build the search index of stored versions not indexed yet (running daemons do this when idle; search finds unindexed versions anyway, more slowly)')
    .action(() =>
      withDatabase(async ({ knex }) => {
        const run = await indexConfigurations(knex);
        output.out(`indexed ${run.indexed} configuration versions for search in ${(run.durationMs / 1000).toFixed(1)} s\n`);
      }),
    );

  const history = configs.command('history <hostname>').description('list the stored versions of a device, newest first');
  pagedList(history, output, async (knex, flags: PagingFlags, [hostname]) => (await configurationHistory(knex, hostname!, flags)).page, (items) =>
    printTable(output, items, [
      { header: 'version', value: (v) => v.id },
      { header: 'retrieved', value: (v) => v.retrievedAt },
      { header: 'bytes', value: (v) => v.sizeBytes },
      { header: 'sha256', value: (v) => v.contentHash.slice(0, 12) },
      { header: 'job', value: (v) => v.jobId },
    ]),
  );

  configs
    .command('diff <hostname> [from] [to]')
    .description('unified diff between two versions: default the previous against the latest; FROM alone is compared with the latest')
    .action((hostname: string, from: string | undefined, to: string | undefined) =>
      withDatabase(async ({ knex }) => {
        const pair = await versionPair(knex, hostname, from, to);
        const diff = unifiedDiff(pair.hostname, pair.from, pair.to);
        if (diff === '') {
          output.err(`${pair.hostname}: versions ${pair.from.id} and ${pair.to.id} are identical\n`);
          return;
        }
        // The sanitiser makes an inserted bidirectional or zero-width character visible as <U+hhhh>.
        const shown = sanitise(diff);
        output.out(useColour(output) ? colourDiff(shown) : shown);
      }),
    );
}
