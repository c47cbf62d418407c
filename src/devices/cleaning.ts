/** Turns the raw bytes of one command's output into clean configuration text. */
import { toPlainText } from './control-sequences.js';
import { removePagerArtefacts } from './pager.js';
import type { Rewrite } from './drivers/driver.js';

export interface CleaningRules {
  /** The command that was sent (its echo is removed from the first line). */
  command: string;
  /** The exact prompt learned at login (removed from the end). */
  prompt: string;
  pagerRemover: RegExp;
  volatileLines: RegExp[];
  volatileRewrites?: Rewrite[];
}

/** Removes the echoed command line when the first line ends with the command. */
export function stripEcho(text: string, command: string): string {
  const newline = text.indexOf('\n');
  const first = (newline === -1 ? text : text.slice(0, newline)).trimEnd();
  // Devices echo either the bare command or the prompt followed by it.
  if (command.length > 0 && first.endsWith(command.trimEnd())) return newline === -1 ? '' : text.slice(newline + 1);
  return text;
}

/** Removes the trailing prompt (and anything after it on that line). */
export function stripTrailingPrompt(text: string, prompt: string): string {
  const trimmed = text.trimEnd();
  if (prompt.length === 0 || !trimmed.endsWith(prompt)) return trimmed;
  return trimmed.slice(0, trimmed.length - prompt.length).trimEnd();
}

/** Drops every line matching one of the volatile patterns and applies volatile rewrites. */
export function dropVolatile(text: string, volatileLines: RegExp[], rewrites: Rewrite[] = []): string {
  let result = text;
  for (const rewrite of rewrites) result = result.replace(rewrite.pattern, rewrite.replacement);
  if (volatileLines.length === 0) return result;
  return result
    .split('\n')
    .filter((line) => !volatileLines.some((pattern) => pattern.test(line)))
    .join('\n');
}

/** Removes blank lines at the start and end, keeping the interior untouched. */
export function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').replace(/(?:\n[ \t]*)+$/, '');
}

/** Full pipeline for one command's raw output: terminal clean-up, pager, echo, prompt, volatile lines. */
export function cleanCommandOutput(raw: string, rules: CleaningRules): string {
  let text = toPlainText(raw);
  text = removePagerArtefacts(text, rules.pagerRemover);
  text = stripEcho(text, rules.command);
  text = stripTrailingPrompt(text, rules.prompt);
  text = dropVolatile(text, rules.volatileLines, rules.volatileRewrites);
  return trimBlankLines(text);
}
