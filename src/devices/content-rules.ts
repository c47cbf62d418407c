/**
 * The one pass over a command output's lines that applies a driver's content rules: blocks (kept,
 * secret, volatile), volatile lines and fragments, secrets, the configuration marker and the
 * incompleteness markers. Rules are compiled once per driver; a line that no rule can touch costs
 * one combined regular expression test per rule family.
 */
import type { BlockRule, Driver, IncompleteMarker, Rewrite } from './drivers/driver.js';
import { mapLineBlocks } from './line-blocks.js';
import { REDACTION_MARKER, redactLine } from './redaction.js';

/** Replaces the body of a volatile block: stable, so a re-encrypted key never makes a new version. */
export const VOLATILE_MARKER = '<volatile>';

type LineTest = (line: string) => boolean;

export interface CompiledRules {
  volatile: LineTest | null;
  rewrite: LineTest | null;
  rewrites: Rewrite[];
  secret: LineTest | null;
  secrets: RegExp[];
  blockStart: LineTest | null;
  blocks: BlockRule[];
  marker: RegExp;
  incomplete: IncompleteMarker[];
  incompleteAny: LineTest | null;
}

/** What the pass found besides the text. */
export interface ContentResult {
  /** The output with the rules applied and blank lines at both ends removed. */
  text: string;
  /** True when a line outside blocks matched the driver's configuration marker. */
  markerSeen: boolean;
  /** A block whose end never came (1-based line of its start), or null. */
  unterminated: { block: string; line: number } | null;
  /** Warnings of the incompleteness markers that matched, each once. */
  incomplete: string[];
}

/** ContentResult with the text as blocks of whole lines: joined with \n they are the text (see mapLineBlocks). */
export type ContentBlocksResult = Omit<ContentResult, 'text'> & { blocks: string[] };

/** applyContentRules with the text joined once (see applyContentRuleBlocks). */
export function applyContentRules(text: string, rules: CompiledRules, options: { redact: boolean; isConfig: boolean }): ContentResult {
  const { blocks, ...found } = applyContentRuleBlocks(text, rules, options);
  return { text: blocks.length === 1 ? blocks[0]! : blocks.join('\n'), ...found };
}

// Backreferences and named groups change meaning when patterns are joined; such lists are tested one by one.
const NOT_JOINABLE = /\\[1-9]|\\k<|\(\?<[^=!]/;

/** One test for "any of these patterns matches the line": a joined expression when the flags allow it. */
function anyOf(patterns: RegExp[]): LineTest | null {
  if (patterns.length === 0) return null;
  // g, m, s and y change nothing on a single line without a line break.
  const flags = new Set(patterns.map((p) => p.flags.replace(/[dgmsy]/g, '')));
  if (flags.size === 1 && !patterns.some((p) => NOT_JOINABLE.test(p.source))) {
    const joined = new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), [...flags][0]);
    return (line) => joined.test(line);
  }
  const single = patterns.map((p) => new RegExp(p.source, p.flags.replace(/[gy]/g, '')));
  return (line) => single.some((p) => p.test(line));
}

function global(pattern: RegExp): RegExp {
  return pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
}

const compiled = new WeakMap<Driver, CompiledRules>();

/** The driver's rules, prepared once per driver object. */
export function compileContentRules(driver: Driver): CompiledRules {
  const cached = compiled.get(driver);
  if (cached !== undefined) return cached;
  const blocks = driver.blocks ?? [];
  const incomplete = driver.incompleteMarkers ?? [];
  const rules: CompiledRules = {
    volatile: anyOf(driver.volatileLines),
    rewrite: anyOf((driver.volatileRewrites ?? []).map((r) => r.pattern)),
    rewrites: (driver.volatileRewrites ?? []).map((r) => ({ pattern: global(r.pattern), replacement: r.replacement })),
    secret: anyOf(driver.secretPatterns),
    secrets: driver.secretPatterns.map(global),
    blockStart: anyOf(blocks.map((b) => b.start)),
    blocks,
    marker: new RegExp(driver.configShape.marker.source, driver.configShape.marker.flags.replace(/[gy]/g, '')),
    incomplete: incomplete.map((m) => ({ pattern: new RegExp(m.pattern.source, m.pattern.flags.replace(/[gy]/g, '')), warning: m.warning })),
    incompleteAny: anyOf(incomplete.map((m) => m.pattern)),
  };
  compiled.set(driver, rules);
  return rules;
}

interface OpenBlock {
  rule: BlockRule;
  end: RegExp;
  startLine: number;
  /** Offset just past the start match: the rest of the start line belongs to the body. */
  startEnd: number;
  masked: boolean;
}

/** Opens the first block whose start matches; null when the block also ends on its own start line. */
function openBlock(line: string, lineNumber: number, blocks: BlockRule[]): OpenBlock | null | undefined {
  for (const rule of blocks) {
    const match = rule.start.exec(line);
    if (match === null) continue;
    const startEnd = match.index + match[0].length;
    const end = typeof rule.end === 'function' ? rule.end(match) : rule.end;
    if (end.test(line.slice(startEnd))) return null;
    return { rule, end, startLine: lineNumber, startEnd, masked: false };
  }
  return undefined;
}

/** True when the block's body (and what follows its start match on the start line) is replaced. */
function masks(block: OpenBlock, redact: boolean): boolean {
  return block.rule.kind === 'volatile' || (block.rule.kind === 'secret' && redact);
}

function leadingBlanks(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/**
 * Applies the rules to one output in a single pass. `redact` replaces secrets (lines and secret
 * blocks); `isConfig` also looks for the configuration marker. Blank lines at both ends go.
 */
export function applyContentRuleBlocks(text: string, rules: CompiledRules, options: { redact: boolean; isConfig: boolean }): ContentBlocksResult {
  let open: OpenBlock | null = null;
  let markerSeen = !options.isConfig;
  const incomplete = new Set<string>();
  let lineNumber = 0;
  let emitted = false;
  // Blank lines are held back until a non-blank line is kept after them: blank lines at both ends go.
  let held: string[] = [];
  const emit = (line: string): string | undefined => {
    if (line.trim().length === 0) {
      held.push(line);
      return undefined;
    }
    emitted = true;
    if (held.length === 0) return line;
    const joined = `${held.join('\n')}\n${line}`;
    held = [];
    return joined;
  };
  const blocks = mapLineBlocks(text, (line) => {
    lineNumber += 1;
    if (open !== null) {
      if (open.end.test(line)) {
        open = null;
        return emit(line);
      }
      if (!masks(open, options.redact)) return emit(line);
      if (open.masked) return undefined;
      open.masked = true;
      return emit(`${leadingBlanks(line)}${open.rule.kind === 'volatile' ? VOLATILE_MARKER : REDACTION_MARKER}`);
    }
    if (!emitted && line.trim().length === 0) return undefined;
    if (rules.blockStart?.(line) === true) {
      const opened = openBlock(line, lineNumber, rules.blocks);
      if (opened !== undefined) {
        open = opened;
        return emit(opened !== null && masks(opened, options.redact) ? line.slice(0, opened.startEnd) : line);
      }
    }
    if (!markerSeen && rules.marker.test(line)) markerSeen = true;
    if (rules.volatile?.(line) === true) return undefined;
    let kept = line;
    if (rules.rewrite?.(kept) === true) for (const rewrite of rules.rewrites) kept = kept.replace(rewrite.pattern, rewrite.replacement);
    if (options.redact && rules.secret?.(kept) === true) kept = redactLine(kept, rules.secrets);
    if (rules.incompleteAny?.(kept) === true) {
      for (const marker of rules.incomplete) if (marker.pattern.test(kept)) incomplete.add(marker.warning);
    }
    return emit(kept);
  });
  const unterminated = open === null ? null : { block: (open as OpenBlock).rule.name, line: (open as OpenBlock).startLine };
  return { blocks, markerSeen, unterminated, incomplete: [...incomplete] };
}
