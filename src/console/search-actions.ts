/** Configuration search for the console: the search service with its limits (src/db/queries/search-configurations.ts). */
import { searchConfigurations, type ConfigurationMatch } from '../db/queries/search-configurations.js';
import { NetRavenError } from '../errors.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';

export interface SearchRequest {
  /** Search every stored version, not only each device's latest. */
  history: boolean;
  /** Match inside words too (trigram index) instead of from the start of a word. */
  substring: boolean;
}

export interface SearchResult {
  matches: ConfigurationMatch[];
  /** Configurations read at most: as many matches as this means there may be more. */
  limit: number;
  /** Matching lines shown per configuration at most. */
  linesPerConfiguration: number;
}

export interface SearchActions {
  /**
   * Configurations whose content holds `text` (ignoring case), hostname first, with their
   * matching lines (1-based numbers). INPUT_INVALID for text over the search limit
   * (INPUT_LIMITS.searchText) or with nothing but spaces.
   */
  searchConfigurations(text: string, request: SearchRequest): Promise<SearchResult>;
}

export const SEARCH_ACTIONS: Record<keyof SearchActions, ActionClass> = {
  searchConfigurations: 'read',
};

const LIMIT = 100;
const LINES = 20;

export function searchActions(ctx: ConsoleContext): SearchActions {
  return {
    async searchConfigurations(text, request) {
      // Empty text would match every configuration (ILIKE '%%').
      if (text.trim().length === 0) throw new NetRavenError('INPUT_INVALID', 'search text is empty: type what to look for');
      const matches = await searchConfigurations(ctx.knex, text, { ...request, limit: LIMIT, linesPerConfiguration: LINES });
      return { matches, limit: LIMIT, linesPerConfiguration: LINES };
    },
  };
}
