/**
 * What `auto` detection reads from a logged-in device: the text before the first prompt, the prompt
 * (confirmed with one empty line, as every login does), and the output of at most MAX_PROBES read-only
 * probe commands — in the shell when it showed a prompt, over exec channels when it did not (a menu).
 * Nothing is typed before the login text has been checked for a console server or printer.
 */
import type { Client } from 'ssh2';
import { NetRavenError } from '../../errors.js';
import { cleanCommandOutput } from '../cleaning.js';
import { toPlainText } from '../control-sequences.js';
import type { Driver } from '../drivers/driver.js';
import { execCommand } from '../exec-runner.js';
import { loginAnswerer, looksLikeQuestion, shown } from '../login-questions.js';
import { PagerDetector, pagerRemover } from '../pager.js';
import { openShellChannel } from '../run-commands.js';
import { formatDuration, type SessionLimits } from '../session-limits.js';
import type { ShellChannel } from '../shell-channel.js';
import { decide, MAX_PROBES, nextProbe, scoreDrivers, type DetectionObservations, type DriverScore } from './evidence-scoring.js';
import { findNonDevice } from './non-devices.js';

/** Output quiet this long with no prompt-shaped last line: the login text is judged as it is (ms). */
export const QUIET_MS = 2_000;
/** Login text kept for scoring (characters); banners are short. */
const MAX_LOGIN_TEXT = 64 * 1024;
const CONFIRM_ATTEMPTS = 3;

export interface DetectionContext {
  label: string;
  limits: SessionLimits;
  drivers: readonly Driver[];
  /** Filled in place: the caller has set sshIdent and the authentication banner (loginText). */
  seen: DetectionObservations;
  aborted: Promise<never>;
}

/** The union of every driver's login dialogue: questions answered before the first prompt, stops, pagers. */
function unionDriver(drivers: readonly Driver[]): Driver {
  const [first] = drivers;
  return {
    ...first!,
    name: 'auto',
    loginAnswers: drivers.flatMap((d) => d.loginAnswers ?? []),
    loginStops: drivers.flatMap((d) => d.loginStops ?? []),
    pagers: drivers.flatMap((d) => d.pagers ?? []),
  };
}

/** DRIVER_UNDETECTED for a console server or printer found in text NetRaven saw. */
export function nonDeviceError(label: string, text: string, before: 'no credential was sent' | 'nothing was typed'): NetRavenError | undefined {
  const found = findNonDevice(text);
  if (found === undefined) return undefined;
  return new NetRavenError(
    'DRIVER_UNDETECTED',
    `${label}: this looks like a ${found.kind} ("${shown(found.matched)}"), not a network device, so ${before} and nothing was stored; if it really is a device, set its device_type by hand (netraven drivers list)`,
    { details: { stage: 'detection', nonDevice: found.kind, matched: shown(found.matched) } },
  );
}

/** Logs in through a shell, reads login text and prompt, sends probes until the rule decides; returns the scores. */
export async function observeDevice(client: Client, ctx: DetectionContext): Promise<DriverScore[]> {
  const { shell, stream } = await openShellChannel(client, ctx.label, ctx.limits, ctx.aborted);
  let captured = '';
  const capture = (data: Buffer): void => {
    if (captured.length < MAX_LOGIN_TEXT) captured += data.toString('utf8');
  };
  stream.on('data', capture);
  try {
    const union = unionDriver(ctx.drivers);
    const shaped = (line: string): boolean => ctx.drivers.some((d) => d.promptPattern.test(line) || d.shellEscape?.prompt.test(line) === true);
    const candidate = await readLoginText(shell, ctx, union, shaped);
    stream.off('data', capture);
    ctx.seen.loginText = `${ctx.seen.loginText}\n${toPlainText(captured)}`.trim();
    const refused = nonDeviceError(ctx.label, ctx.seen.loginText, 'nothing was typed');
    if (refused !== undefined) throw refused;
    if (candidate !== undefined) ctx.seen.prompt = await confirmPrompt(shell, ctx, union, shaped, candidate);
    return await probeUntilDecided(client, shell, ctx, union);
  } finally {
    stream.off('data', capture);
    shell.close();
  }
}

/** Waits for a prompt-shaped line; stops early at a quiet question or menu. Undefined: no prompt was shown. */
async function readLoginText(shell: ShellChannel, ctx: DetectionContext, union: Driver, shaped: (line: string) => boolean): Promise<{ line: string; lineNumber: number } | undefined> {
  const deadline = Date.now() + ctx.limits.loginTimeoutMs;
  const answer = loginAnswerer(ctx.label, union, new PagerDetector(union.pagers), (error) => shell.fail(error));
  let sawAnything = false;
  for (;;) {
    let quietLine = '';
    const quiet = new NetRavenError('PROMPT_NOT_FOUND', 'quiet');
    try {
      const found = await shell.waitFor({
        match: (line, lineNumber) => (line.length > 0 && shaped(line) ? { line, lineNumber } : undefined),
        answer,
        timeoutMs: Math.max(1, Math.min(QUIET_MS, deadline - Date.now())),
        timeoutKind: 'idle',
        onTimeout: (lastLine, sawBytes) => {
          quietLine = lastLine;
          sawAnything ||= sawBytes;
          return quiet;
        },
      });
      return found.value;
    } catch (err) {
      if (err !== quiet) throw err;
    }
    // A question or menu waits for a key NetRaven does not know: judge what was shown, type nothing.
    if (looksLikeQuestion(quietLine) || Date.now() >= deadline) {
      if (!sawAnything && quietLine.length === 0) {
        throw new NetRavenError('TIMEOUT', `${ctx.label}: logged in but the device sent nothing within ${formatDuration(ctx.limits.loginTimeoutMs)} (detection); check the device or raise retrieval.login_timeout_seconds`, {
          details: { stage: 'detection' },
        });
      }
      return undefined;
    }
  }
}

/** One empty line must bring the candidate back (a banner may end in "switch>"); a later prompt-shaped line replaces it. */
async function confirmPrompt(shell: ShellChannel, ctx: DetectionContext, union: Driver, shaped: (line: string) => boolean, first: { line: string; lineNumber: number }): Promise<string> {
  let candidate = first;
  const pager = new PagerDetector(union.pagers);
  for (let attempt = 1; attempt <= CONFIRM_ATTEMPTS; attempt++) {
    shell.write('\n');
    const quiet = new NetRavenError('PROMPT_NOT_FOUND', 'quiet');
    try {
      const confirmed = await shell.waitFor<string>({
        match: (line, lineNumber) => {
          if (lineNumber <= candidate.lineNumber || line.length === 0 || !shaped(line)) return undefined;
          if (line === candidate.line) return line;
          candidate = { line, lineNumber };
          return undefined;
        },
        answer: (line, raw) => pager.answer(line, raw),
        timeoutMs: QUIET_MS,
        timeoutKind: 'idle',
        onTimeout: () => quiet,
      });
      return confirmed.value;
    } catch (err) {
      if (err !== quiet) throw err;
    }
  }
  throw new NetRavenError('PROMPT_NOT_FOUND', `${ctx.label}: the prompt-like line "${shown(candidate.line)}" did not come back after an empty line, so the platform could not be detected; set the device_type by hand`, {
    details: { stage: 'detection', candidate: shown(candidate.line) },
  });
}

/** Sends probes (shell when a prompt was confirmed, else exec) until the rule decides or MAX_PROBES were sent. */
async function probeUntilDecided(client: Client, shell: ShellChannel, ctx: DetectionContext, union: Driver): Promise<DriverScore[]> {
  const sent = new Set<string>();
  let scores = scoreDrivers(ctx.drivers, ctx.seen);
  const pager = new PagerDetector(union.pagers);
  const remover = pagerRemover();
  while (decide(scores) === undefined && sent.size < MAX_PROBES) {
    const command = nextProbe(ctx.drivers, scores, sent);
    if (command === undefined) break;
    sent.add(command);
    const raw = ctx.seen.prompt.length > 0 ? await shellProbe(shell, ctx, command, pager) : await execProbe(client, ctx, command);
    ctx.seen.probes.set(command, cleanCommandOutput(raw, { command: '', prompt: ctx.seen.prompt, pagerRemover: remover }));
    scores = scoreDrivers(ctx.drivers, ctx.seen);
  }
  return scores;
}

async function shellProbe(shell: ShellChannel, ctx: DetectionContext, command: string, pager: PagerDetector): Promise<string> {
  shell.write(`${command}\n`);
  const done = await shell.waitFor({
    echo: command,
    match: (line) => (line === ctx.seen.prompt ? true : undefined),
    answer: (line, raw) => pager.answer(line, raw),
    timeoutMs: ctx.limits.idleTimeoutMs,
    timeoutKind: 'idle',
    onTimeout: (lastLine) =>
      new NetRavenError('TIMEOUT', `${ctx.label}: no prompt for ${formatDuration(ctx.limits.idleTimeoutMs)} after the detection probe "${command}" (last line "${shown(lastLine)}"); set the device_type by hand`, {
        details: { stage: 'detection', command, lastLine: shown(lastLine) },
      }),
  });
  return done.chunks.join('').slice(done.bodyStart);
}

/** A probe over its own exec channel: a refused channel or a non-zero status is simply no evidence. */
async function execProbe(client: Client, ctx: DetectionContext, command: string): Promise<string> {
  try {
    const result = await execCommand(client, command, ctx.label, ctx.limits, { used: 0 });
    return result.exitCode === 0 ? result.output : '';
  } catch (err) {
    if (err instanceof NetRavenError && err.code === 'COMMAND_REJECTED') return '';
    throw err;
  }
}
