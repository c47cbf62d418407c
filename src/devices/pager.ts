/**
 * Pager prompts: what the session answers when paging could not be turned off, and their removal from output.
 * Each form says what it needs: a space for the next page, or `q` where the pager only ends on q (less at
 * `(END)`: less(1), "COMMANDS": SPACE forward one window, q exit; the status line shows "(END)" at end of file).
 */
import type { LineAnswer } from './shell-channel.js';

/** One pager prompt shape and its answer. */
export interface PagerForm {
  /** Short name for tests and logs. */
  name: string;
  /** Matched against the shown last line (controls removed, trailing blanks trimmed). */
  pattern: RegExp;
  /** Text to send; never a line end unless the pager needs one. */
  reply: string;
  /** The prompt is recognised only when the raw line shows it in reverse video (SGR 7). */
  reverseVideo?: boolean;
}

// Order matters: the first form whose pattern matches answers, so the "(END)" forms come before "lines 1-40".
const COMMON_FORMS: PagerForm[] = [
  { name: 'less-end', pattern: /(?:^|\s)\(END\)$/, reply: 'q' },
  { name: 'more-or-quit', pattern: /--More-- or \(q\)uit$/i, reply: ' ' },
  { name: 'more', pattern: /-- ?More ?--(?:\s*\(\d+%\))?$/i, reply: ' ' },
  { name: 'procurve-more', pattern: /-- MORE --, next page: Space, next line: Enter, quit: Control-C$/, reply: ' ' },
  { name: 'asa-more', pattern: /<--- More --->$/, reply: ' ' },
  { name: 'junos-more', pattern: /---\(more(?: \d+%)?\)---$/, reply: ' ' },
  { name: 'press-any-key', pattern: /Press any key to continue(?: \(Q to quit\))?$/i, reply: ' ' },
  { name: 'routeros-more', pattern: /-- \[Q quit\|D dump(?:\|(?:up|down|left|right))+\]$/, reply: ' ' },
  { name: 'reverse-video-more', pattern: /\bMore\W{0,4}$/i, reply: ' ', reverseVideo: true },
];

/**
 * less(1)'s prompts between pages: a bare ":" (or a status line) is also what a configuration line can look like
 * (an ASA configuration has bare ":" lines), so only drivers whose CLI pages through less declare these.
 */
export const LESS_FORMS: PagerForm[] = [
  { name: 'less-lines-end', pattern: /^lines \d+-\d+(?:\/\d+)?(?: \d+%)? \(END\)$/, reply: 'q' },
  { name: 'less-lines', pattern: /^lines \d+-\d+(?:\/\d+)?(?: \d+%)?$/, reply: ' ' },
  { name: 'less-colon', pattern: /^:$/, reply: ' ' },
];

// SGR with 7 (reverse video) as one of its parameters, e.g. ESC[7m, ESC[1;7m, ESC[0;7;1m.
const REVERSE_VIDEO = /\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/;

/** Answers pager prompts on the last line; one detector per driver, built once per session. */
export class PagerDetector {
  private readonly forms: PagerForm[];
  private readonly any: RegExp;

  constructor(extra: PagerForm[] = []) {
    this.forms = extra.concat(COMMON_FORMS);
    // One combined test per chunk; the form is looked up only when something matched.
    this.any = new RegExp(this.forms.map((f) => `(?:${f.pattern.source})`).join('|'), 'i');
  }

  /** The form the shown last line is, if any (raw is read only for reverse-video forms). */
  find(lastLine: string, rawLastLine: () => string): PagerForm | undefined {
    if (lastLine.length === 0 || !this.any.test(lastLine)) return undefined;
    for (const form of this.forms) {
      if (!form.pattern.test(lastLine)) continue;
      if (form.reverseVideo === true && !REVERSE_VIDEO.test(rawLastLine())) continue;
      return form;
    }
    return undefined;
  }

  /** The answer to the last line, cutting the pager prompt out of the collected output; undefined when it is not one. */
  answer(lastLine: string, rawLastLine: () => string): LineAnswer | undefined {
    const form = this.find(lastLine, rawLastLine);
    if (form === undefined) return undefined;
    return { text: form.reply, dropChars: pagerPromptLength(form, lastLine, rawLastLine()) };
  }
}

/** How many raw characters at the end of the output belong to the pager prompt (the whole line when it is alone). */
function pagerPromptLength(form: PagerForm, lastLine: string, raw: string): number {
  const match = form.pattern.exec(lastLine);
  if (match === null) return 0;
  const before = lastLine.slice(0, match.index).trim();
  if (before.length === 0) return raw.length;
  if (form.reverseVideo === true) {
    const sgr = REVERSE_VIDEO.exec(raw);
    return sgr === null ? 0 : raw.length - sgr.index;
  }
  const at = raw.lastIndexOf(match[0].trim());
  return at === -1 ? 0 : raw.length - at;
}

// Textual prompts left at the start of a line when a device did not erase them; less's ":" is never listed
// here because configuration lines may start with ":" (ASA).
const REMOVABLE_SOURCES = [
  '-- ?More ?--(?:, next page: Space, next line: Enter, quit: Control-C)?',
  '-- MORE --, next page: Space, next line: Enter, quit: Control-C',
  '<--- More --->',
  '---\\(more(?: \\d+%)?\\)---',
  'Press any key to continue(?: \\(Q to quit\\))?',
  '-- \\[Q quit\\|D dump(?:\\|(?:up|down|left|right))+\\]',
  '--More-- or \\(q\\)uit',
];

/** Builds the remover: pager prompts at the start of a line (after \r/\b emulation), with surrounding blanks. */
export function pagerRemover(): RegExp {
  return new RegExp(`^[ \\t]*(?:${REMOVABLE_SOURCES.join('|')})[ \\t]*`, 'gim');
}

/** Removes pager artefacts left at the start of lines. */
export function removePagerArtefacts(text: string, remover: RegExp): string {
  remover.lastIndex = 0;
  return text.replace(remover, '');
}
