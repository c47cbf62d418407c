import type { Command } from 'commander';
import type { Knex } from 'knex';
import type { Page } from '../db/queries/keyset-page.js';
import { withDatabase } from './database-session.js';
import { pagingOptions, type PagingFlags } from './options.js';
import { printJson, printNextPage, type Output } from './output.js';

/**
 * Makes `command` a paged list: adds --limit/--after/--json, loads one page and prints it as
 * JSON or through `print`, followed by the hint for the next page.
 */
export function pagedList<F extends PagingFlags, T>(
  command: Command,
  output: Output,
  load: (knex: Knex, flags: F, args: string[]) => Promise<Page<T>>,
  print: (items: T[]) => void,
): void {
  pagingOptions().forEach((option) => command.addOption(option));
  // Commander calls the action with the positional arguments, then the options, then itself.
  command.action((...params: unknown[]) => {
    const flags = params[params.length - 2] as F;
    const args = params.slice(0, -2) as string[];
    return withDatabase(async ({ knex }) => {
      const page = await load(knex, flags, args);
      if (flags.json) return printJson(output, page);
      print(page.items);
      printNextPage(output, page.next);
    });
  });
}
