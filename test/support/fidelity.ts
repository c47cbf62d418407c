/**
 * The fidelity check (issue 13 point 6) without a second cleaner: the stored text is aligned line by line
 * with what the transcript's device printed, in command order. Every stored line must be a printed line
 * (info output as comments, a declared heading, or a line changed by a declared volatile rewrite); every
 * printed line that is not stored must be justified by a declared rule — a volatile line pattern, the
 * body of a volatile block (stored as one marker line), or a blank line before an output's first stored
 * line or after its last.
 * Anything else is a problem: a lost line, an invented line, or a line the driver changed undeclared.
 */
import { VOLATILE_MARKER } from '../../src/devices/content-rules.js';
import type { Driver } from '../../src/devices/drivers/driver.js';
import type { Transcript } from './device-simulator/index.js';
import { applyPadding, fillPlaceholders, type RenderContext } from './device-simulator/reply-render.js';

interface SourceLine {
  /** The line as printed (trailing blanks removed: the terminal clean-up drops them). */
  text: string;
  /** The line as it would be stored (comment prefix for info output). */
  stored: string;
  command: string;
}

const plain = (pattern: RegExp): RegExp => new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));

/** The printed lines of each output, in the order the driver stores them, for the commands the device accepted. */
function sourceSections(driver: Driver, transcript: Transcript, accepted: string[], render: RenderContext): { heading?: string; lines: SourceLine[] }[] {
  const sections: { heading?: string; lines: SourceLine[] }[] = [];
  for (const spec of driver.commands) {
    const sent = [spec.command, ...(spec.fallbacks ?? [])].find((c) => accepted.includes(c));
    if (sent === undefined) continue;
    const reply = transcript.replies.get(sent);
    if (reply === undefined) throw new Error(`${driver.name}: the transcript has no reply for "${sent}"`);
    let text = fillPlaceholders(reply.text, render);
    if (sent === transcript.configCommand) text = applyPadding(text, transcript, undefined);
    const prefix = driver.commentPrefix;
    const lines = text.split('\n').map((raw) => {
      const line = raw.replace(/[ \t]+$/, '');
      const stored = spec.role === 'config' ? line : line.length === 0 ? prefix.trimEnd() : `${prefix}${line}`;
      return { text: line, stored, command: sent };
    });
    sections.push({ heading: spec.heading === undefined ? undefined : `${prefix}${spec.heading}`, lines });
  }
  return sections;
}

/**
 * Problems found aligning `stored` with the transcript's output for the commands in `accepted`
 * (the retrieval's metadata.commands); an empty list means the stored text is the printed
 * configuration minus exactly the lines the driver declares volatile.
 */
export function fidelityProblems(driver: Driver, transcript: Transcript, stored: string, accepted: string[], render: RenderContext): string[] {
  const out = stored.replace(/\n$/, '').split('\n');
  const problems: string[] = [];
  const volatile = driver.volatileLines.map(plain);
  const rewrites = (driver.volatileRewrites ?? []).map((r) => ({ pattern: new RegExp(r.pattern.source, r.pattern.flags.includes('g') ? r.pattern.flags : `${r.pattern.flags}g`), replacement: r.replacement }));
  const volatileStarts = (driver.blocks ?? []).filter((b) => b.kind === 'volatile').map((b) => plain(b.start));
  const rewritten = (line: SourceLine) => {
    let text = line.stored;
    for (const r of rewrites) text = text.replace(r.pattern, r.replacement);
    return text;
  };
  let j = 0;
  for (const section of sourceSections(driver, transcript, accepted, render)) {
    if (section.heading !== undefined) {
      if (out[j] === section.heading) j += 1;
      else problems.push(`heading "${section.heading}" missing at stored line ${j + 1}`);
    }
    const lines = section.lines;
    const dropped = (line: SourceLine) => line.text.trim() === '' || volatile.some((p) => p.test(line.text));
    let storedHere = 0;
    let afterVolatileStart = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const here = out[j];
      // The body of a volatile block is one marker line: skip printed lines up to the one stored next (its end).
      if (afterVolatileStart && here?.trim() === VOLATILE_MARKER) {
        j += 1;
        while (i < lines.length && lines[i]!.stored !== out[j]) i += 1;
        i -= 1;
        afterVolatileStart = false;
        continue;
      }
      const startsVolatile = volatileStarts.some((p) => p.test(line.text));
      // A volatile block's start line is stored up to the start match (the rest belongs to the body).
      const truncatedStart = startsVolatile && here !== undefined && here.length < line.stored.length && line.stored.startsWith(here);
      if (here !== undefined && (here === line.stored || here === rewritten(line) || truncatedStart)) {
        j += 1;
        storedHere += 1;
        afterVolatileStart = startsVolatile;
        continue;
      }
      afterVolatileStart = false;
      // Blank lines before an output's first stored line or after its last are not content.
      if (line.text.trim() === '' && (storedHere === 0 || lines.slice(i + 1).every(dropped))) continue;
      if (volatile.some((p) => p.test(line.text))) continue;
      problems.push(`${line.command}: printed line ${i + 1} ${JSON.stringify(line.text)} is not stored (stored line ${j + 1} is ${JSON.stringify(here ?? '<end>')}) and no volatile rule declares it`);
      if (problems.length > 5) return problems;
    }
  }
  if (j < out.length) problems.push(`stored lines from ${j + 1} on (${JSON.stringify(out[j])}) come from no printed line`);
  return problems;
}
