/** Turns the raw bytes of one command's output into plain text: terminal, pager, echo and prompt removed. */
import { toPlainText } from './control-sequences.js';
import { removePagerArtefacts } from './pager.js';

export interface CleaningRules {
  /** The command that was sent (its echo is removed from the first line). */
  command: string;
  /** The exact prompt learned at login (removed from the end). */
  prompt: string;
  pagerRemover: RegExp;
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

/**
 * Terminal-level pipeline for one command's raw output: control sequences, pager artefacts, echo,
 * trailing prompt. What the text means (volatile lines, blocks, secrets) is the driver's content
 * rules' business (content-rules.ts), applied afterwards in one pass.
 */
export function cleanCommandOutput(raw: string, rules: CleaningRules): string {
  let text = toPlainText(raw);
  text = removePagerArtefacts(text, rules.pagerRemover);
  text = stripEcho(text, rules.command);
  return stripTrailingPrompt(text, rules.prompt);
}
