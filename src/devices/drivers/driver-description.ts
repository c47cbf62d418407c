/**
 * What a driver does, in words, from its declaration alone: the one source of `netraven drivers list|show`
 * and docs/drivers.md (generated, and tested to be current).
 */
import type { BlockRule, Driver } from './driver.js';
import { lineRuleWords, secretRuleWords } from './rule-words.js';

/** One row of `netraven drivers list`. */
export interface DriverSummary {
  name: string;
  vendor: string;
  description: string;
  /** The configuration command(s); fallbacks in parentheses: "/export terse show-sensitive (else /export terse)". */
  configCommand: string;
  /** True when the driver enters a privileged mode (enable) before its commands. */
  needsEnable: boolean;
  mode: Driver['mode'];
}

/** A titled list of plain sentences; rendered as text by the CLI and as Markdown for docs/drivers.md. */
export interface DescriptionSection {
  heading: string;
  items: string[];
}

export interface DriverDescription {
  summary: DriverSummary;
  sections: DescriptionSection[];
}

/** The list row of a driver. */
export function summariseDriver(driver: Driver): DriverSummary {
  const config = driver.commands
    .filter((c) => c.role === 'config')
    .map((c) => ((c.fallbacks ?? []).length > 0 ? `${c.command} (else ${c.fallbacks!.join(', ')})` : c.command));
  return {
    name: driver.name,
    vendor: driver.vendor,
    description: driver.description,
    configCommand: config.join('; '),
    needsEnable: driver.enable !== undefined,
    mode: driver.mode,
  };
}

const quote = (text: string): string => JSON.stringify(text);
// Expressions as Markdown code spans (read the same on a terminal); a span holding '`' needs a double delimiter.
const expression = (pattern: RegExp): string => (pattern.source.includes('`') ? `\`\` /${pattern.source}/ \`\`` : `\`/${pattern.source}/\``);

function blockWords(block: BlockRule): string {
  const what = { keep: 'kept verbatim, no line rule inside', secret: 'body replaced by <redacted> when redacting', volatile: 'body always replaced by <volatile>' }[block.kind];
  const end = typeof block.end === 'function' ? 'its own delimiter' : expression(block.end);
  return `${block.name}: from ${expression(block.start)} to ${end} (${what})`;
}

function commandItems(driver: Driver): string[] {
  return driver.commands.map((c) => {
    const role = c.role === 'config' ? 'the configuration' : 'information, stored as comments (a refusal is only a warning)';
    const fallbacks = (c.fallbacks ?? []).length > 0 ? `; if refused: ${c.fallbacks!.map(quote).join(', then ')}` : '';
    return `${quote(c.command)}: ${role}${fallbacks}`;
  });
}

function sessionItems(driver: Driver): string[] {
  const items = [driver.mode === 'shell' ? 'one interactive shell; the prompt is learned and confirmed at login' : 'one SSH exec channel per command (no terminal, no prompt)'];
  if (driver.mode === 'shell') items.push(`prompt: ${expression(driver.promptPattern)}`);
  if (driver.promptVariable !== undefined) items.push(`prompt parts that change from command to command, ignored when the prompt is compared: ${expression(driver.promptVariable)}`);
  if (driver.inShellLogin !== undefined) {
    const { userPrompt, passwordPrompt } = driver.inShellLogin;
    items.push(`the platform's own login inside the session: ${expression(userPrompt)} gets the credential's username, ${expression(passwordPrompt)} its password (once each, before the first prompt)`);
  }
  if (driver.shellEscape !== undefined) items.push(`an account landing in a system shell (${expression(driver.shellEscape.prompt)}) gets ${quote(driver.shellEscape.command)} first`);
  if (driver.enable !== undefined) items.push(`privileged mode: ${quote(driver.enable.command)}, answering ${expression(driver.enable.passwordPrompt)} with the enable secret`);
  if (driver.setupCommands.length > 0) items.push(`after login: ${driver.setupCommands.map(quote).join(', ')} (a refusal is tolerated)`);
  for (const answer of driver.loginAnswers ?? []) items.push(`login question ${expression(answer.pattern)} answered with ${quote(answer.reply)}`);
  for (const stop of driver.loginStops ?? []) items.push(`login question ${expression(stop.pattern)} stops with ${stop.code}`);
  for (const pager of driver.pagers ?? []) items.push(`pager prompt ${expression(pager.pattern)} answered with ${quote(pager.reply)}`);
  if (driver.usernameSuffix !== undefined) items.push(`login name sent with the suffix ${quote(driver.usernameSuffix)}`);
  return items;
}

function detectionItems(driver: Driver): string[] {
  const { sshIdent = [], loginText = [], prompt = [], probes = [] } = driver.detection;
  return [
    ...sshIdent.map((e) => `SSH identification ${expression(e.pattern)}: +${e.weight}`),
    ...loginText.map((e) => `login text ${expression(e.pattern)}: +${e.weight}`),
    ...prompt.map((e) => `prompt ${expression(e.pattern)}: +${e.weight}`),
    ...probes.flatMap((p) => p.evidence.map((e) => `probe ${quote(p.command)} showing ${expression(e.pattern)}: +${e.weight}`)),
  ];
}

/** Everything a driver sends and how it treats what comes back, in words. */
export function describeDriver(driver: Driver): DriverDescription {
  const blocks = driver.blocks ?? [];
  const sections: DescriptionSection[] = [
    { heading: 'Session', items: sessionItems(driver) },
    { heading: 'Commands sent', items: commandItems(driver) },
    { heading: 'Accepted only if', items: [`the configuration has a ${driver.configShape.description}`, ...driver.errorPatterns.map((p) => `no reply among the first lines matches ${expression(p)}`)] },
    {
      heading: 'Volatile (never causes a new version)',
      items: [
        ...driver.volatileLines.map((p) => `dropped: ${lineRuleWords(p)}`),
        ...(driver.volatileRewrites ?? []).map((r) => `replaced by ${quote(r.replacement)}: ${expression(r.pattern)}`),
        ...blocks.filter((b) => b.kind === 'volatile').map(blockWords),
      ],
    },
    {
      heading: 'Secrets (replaced by <redacted> when retrieval.redact_secrets is on)',
      items: [...driver.secretPatterns.map(secretRuleWords), ...blocks.filter((b) => b.kind === 'secret').map(blockWords)],
    },
    { heading: 'Kept verbatim', items: blocks.filter((b) => b.kind === 'keep').map(blockWords) },
    { heading: 'Warnings', items: (driver.incompleteMarkers ?? []).map((m) => `${expression(m.pattern)}: ${m.warning}`) },
    { heading: 'Detection evidence (device_type auto)', items: detectionItems(driver) },
  ];
  return { summary: summariseDriver(driver), sections: sections.filter((s) => s.items.length > 0) };
}
