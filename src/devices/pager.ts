/** Pager prompts the session answers when paging could not be turned off, and their removal from output. */

// Alternatives for every pager prompt we know; kept as source so detection and removal share one list.
const COMMON_PAGER_SOURCES = [
  '-- ?More ?--(?:, next page: Space, next line: Enter, quit: Control-C)?',
  '<--- More --->',
  '---\\(more(?: \\d+%)?\\)---',
  'Press any key to continue(?: \\(Q to quit\\))?',
  '-- \\[Q quit\\|D dump\\|down\\]',
  '--More-- or \\(q\\)uit',
];

/** Builds the last-line detector: a pager prompt at the end of the line (possibly after text on the same line). */
export function pagerDetector(extra: RegExp[] = []): RegExp {
  const sources = COMMON_PAGER_SOURCES.concat(extra.map((r) => r.source));
  return new RegExp(`(?:${sources.join('|')})\\s*$`, 'i');
}

/** Builds the remover: pager prompts at the start of a line (after \r/\b emulation), with surrounding blanks. */
export function pagerRemover(extra: RegExp[] = []): RegExp {
  const sources = COMMON_PAGER_SOURCES.concat(extra.map((r) => r.source));
  return new RegExp(`^[ \\t]*(?:${sources.join('|')})[ \\t]*`, 'gim');
}

/** Removes pager artefacts left at the start of lines. */
export function removePagerArtefacts(text: string, remover: RegExp): string {
  remover.lastIndex = 0;
  return text.replace(remover, '');
}
