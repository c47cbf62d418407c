/**
 * The conversation with an interactive CLI: questions before the first prompt, the prompt learned and
 * confirmed, the shell escape (Junos root), enable, paging setup, then the configuration commands, each
 * ending only at the learned prompt that follows its own echo.
 */
import { NetRavenError, isNetRavenError } from '../errors.js';
import type { Driver } from './drivers/driver.js';
import { InShellLoginAnswerer, type ShellAccount } from './in-shell-login.js';
import { loginAnswerer, looksLikeOutputQuestion, looksLikeQuestion, shown, unansweredQuestion } from './login-questions.js';
import { PagerDetector } from './pager.js';
import { formatDuration, type SessionLimits } from './session-limits.js';
import type { LineAnswer, ShellChannel, WaitSpec } from './shell-channel.js';

export interface DialogueContext {
  label: string;
  driver: Driver;
  limits: SessionLimits;
  enableSecret?: string;
  /** Typed only where the driver declares an in-shell login (AireOS "User:"). */
  account?: ShellAccount;
  onCommandSent?: (command: string) => void;
  onCommandDone?: (command: string, chars: number) => void;
}

export interface RawCommandOutput {
  command: string;
  /** Everything received for the command, as received (the caller owns the array). */
  chunks: string[];
  /** Offset in the chunks' concatenation just past the command's echo line; the prompt is still at the end. */
  bodyStart: number;
}

/** How long the output must stay quiet before an unconfirmed prompt gets another empty line (ms). */
const CONFIRM_QUIET_MS = 1_000;
/** Empty lines sent at most to confirm the prompt (the first is the only one on a well-behaved device). */
const CONFIRM_ATTEMPTS = 3;

interface Candidate {
  line: string;
  lineNumber: number;
}

export class ShellDialogue {
  private readonly pager: PagerDetector;
  private readonly loginAnswer: (lastLine: string, rawLastLine: () => string) => LineAnswer | undefined;
  private readonly inShellLogin: InShellLoginAnswerer;
  private loginDeadline = 0;
  /** The exact prompt learned at login; commands end only when the output ends with it. */
  prompt = '';

  constructor(
    private readonly shell: ShellChannel,
    private readonly ctx: DialogueContext,
  ) {
    this.pager = new PagerDetector(ctx.driver.pagers);
    const fail = (error: NetRavenError): void => shell.fail(error);
    const questions = loginAnswerer(ctx.label, ctx.driver, this.pager, fail);
    this.inShellLogin = new InShellLoginAnswerer(ctx.label, ctx.driver, ctx.account, fail);
    this.loginAnswer = (line, raw) => this.inShellLogin.answer(line) ?? questions(line, raw);
  }

  /** Learns and confirms the first prompt, leaves a shell if needed, enters privileged mode, disables paging. */
  async login(): Promise<void> {
    this.loginDeadline = Date.now() + this.ctx.limits.loginTimeoutMs;
    this.prompt = await this.learnPrompt();
    this.inShellLogin.finish();
    const escape = this.ctx.driver.shellEscape;
    if (escape !== undefined && this.isShellPrompt(this.prompt)) {
      this.shell.write(`${escape.command}\n`);
      const cli = await this.shell.waitFor(this.loginWait(escape.command, (line) => (this.isPrompt(line) ? line : undefined), escape.command));
      this.prompt = cli.lastLine;
    }
    await this.enable();
    await this.setup();
  }

  /**
   * Sends the setup commands, each after the previous prompt, or all in one write where the driver declares
   * typed-ahead input. A device that dropped typed-ahead input goes quiet at a prompt without the last echo:
   * after CONFIRM_QUIET_MS the commands are sent again one by one (they are idempotent terminal settings).
   */
  private async setup(): Promise<void> {
    const commands = this.ctx.driver.setupCommands;
    if (commands.length === 0) return;
    if (this.ctx.driver.typeAheadSetup === true && commands.length > 1 && (await this.typedAhead(commands))) return;
    for (const command of commands) await this.setupStep([command]);
  }

  /** True when the typed-ahead setup ended at the last command's prompt; false when the device dropped part of it. */
  private async typedAhead(commands: string[]): Promise<boolean> {
    // Made only when the quiet second passes: an error (and its stack) per login costs measurable CPU in a sweep.
    let dropped: NetRavenError | undefined;
    const quiet = (spec: WaitSpec<string>): WaitSpec<string> =>
      this.loginDeadline - Date.now() > CONFIRM_QUIET_MS
        ? { ...spec, timeoutMs: CONFIRM_QUIET_MS, timeoutKind: 'idle', onTimeout: () => (dropped = new NetRavenError('PROMPT_NOT_FOUND', 'typed-ahead input dropped')) }
        : spec;
    try {
      await this.setupStep(commands, quiet);
      return true;
    } catch (err) {
      if (dropped === undefined || err !== dropped) throw err;
      this.shell.discard();
      return false;
    }
  }

  /** Writes commands in one write and waits for the prompt after the last one's echo (a refusal is fine: pager answers take over). */
  private async setupStep(commands: string[], adjust: (spec: WaitSpec<string>) => WaitSpec<string> = (spec) => spec): Promise<void> {
    const last = commands[commands.length - 1]!;
    this.shell.write(commands.map((command) => `${command}\n`).join(''));
    const done = await this.shell.waitFor(adjust(this.loginWait(last, (line) => (this.isPrompt(line) ? line : undefined), last)));
    this.prompt = done.lastLine;
  }

  /** Runs one command and returns its output once the learned prompt follows the command's own echo. */
  async run(command: string): Promise<RawCommandOutput> {
    this.ctx.onCommandSent?.(command);
    this.shell.write(`${command}\n`);
    const result = await this.shell.waitFor<true>({
      echo: command,
      match: (line) => (this.samePrompt(line, this.prompt) ? true : undefined),
      answer: (line, raw) => this.pager.answer(line, raw),
      timeoutMs: this.ctx.limits.idleTimeoutMs,
      timeoutKind: 'idle',
      onTimeout: (lastLine) => this.commandTimeout(command, lastLine),
    });
    // A prompt with a variable part (a command counter) is removed from the output as it was shown this time.
    this.prompt = result.lastLine;
    let length = 0;
    for (const chunk of result.chunks) length += chunk.length;
    this.ctx.onCommandDone?.(command, length - result.bodyStart);
    return { command, chunks: result.chunks, bodyStart: result.bodyStart };
  }

  private isPrompt(line: string): boolean {
    return line.length > 0 && this.ctx.driver.promptPattern.test(line);
  }

  /** The learned prompt again, once the driver's variable prompt parts (a command counter) are set aside. */
  private samePrompt(line: string, prompt: string): boolean {
    if (line === prompt) return true;
    const variable = this.ctx.driver.promptVariable;
    if (variable === undefined || !this.isPrompt(line)) return false;
    return line.replace(variable, '') === prompt.replace(variable, '');
  }

  private isShellPrompt(line: string): boolean {
    const escape = this.ctx.driver.shellEscape;
    return escape !== undefined && line.length > 0 && escape.prompt.test(line) && !this.ctx.driver.promptPattern.test(line);
  }

  /**
   * The first prompt-shaped line is only a candidate (a banner may end with "switch>"): an empty line is sent
   * and the same line must come back on a later line. A different prompt-shaped line seen meanwhile replaces
   * the candidate; if the output goes quiet unconfirmed, another empty line is sent (CONFIRM_ATTEMPTS at most).
   */
  private async learnPrompt(): Promise<string> {
    const loginShaped = (line: string): boolean => this.isPrompt(line) || this.isShellPrompt(line);
    const first = await this.shell.waitFor(this.loginWait('login', (line, lineNumber) => (loginShaped(line) ? { line, lineNumber } : undefined)));
    let candidate: Candidate = first.value;
    for (let attempt = 1; ; attempt++) {
      this.shell.write('\n');
      const left = this.loginDeadline - Date.now();
      const quiet = attempt < CONFIRM_ATTEMPTS && left > CONFIRM_QUIET_MS;
      const spec = this.loginWait<string>('prompt confirmation', (line, lineNumber) => {
        if (lineNumber <= candidate.lineNumber || !loginShaped(line)) return undefined;
        if (this.samePrompt(line, candidate.line)) return line;
        candidate = { line, lineNumber };
        return undefined;
      });
      let unconfirmed: NetRavenError | undefined;
      try {
        const onTimeout = () => (unconfirmed = new NetRavenError('PROMPT_NOT_FOUND', 'unconfirmed'));
        const confirmed = await this.shell.waitFor(quiet ? { ...spec, timeoutMs: CONFIRM_QUIET_MS, timeoutKind: 'idle', onTimeout } : spec);
        return confirmed.value;
      } catch (err) {
        if (unconfirmed === undefined || err !== unconfirmed) throw this.unconfirmedPrompt(err, candidate.line);
      }
    }
  }

  /** A login that ends while the candidate never came back names it: the device_type or a banner is the cause. */
  private unconfirmedPrompt(err: unknown, candidate: string): unknown {
    const timedOut = isNetRavenError(err, 'PROMPT_NOT_FOUND') || isNetRavenError(err, 'TIMEOUT');
    if (!timedOut || err.details.stage !== 'prompt confirmation') return err;
    return new NetRavenError(
      'PROMPT_NOT_FOUND',
      `${this.ctx.label}: the prompt-like line "${shown(candidate)}" did not come back after an empty line, so it is not a stable prompt (last line "${String(err.details.lastLine)}"); check the device_type (${this.ctx.driver.name}) or the login banner`,
      { details: { ...err.details, candidate: shown(candidate) } },
    );
  }

  /** A wait bounded by what is left of the login time, answering the driver's questions and pager prompts. */
  private loginWait<T>(stage: string, match: (line: string, lineNumber: number) => T | undefined, echo?: string): WaitSpec<T> {
    const budget = this.ctx.limits.loginTimeoutMs;
    return {
      match,
      echo,
      answer: this.loginAnswer,
      timeoutMs: Math.max(1, this.loginDeadline - Date.now()),
      timeoutKind: 'absolute',
      onTimeout: (lastLine, sawBytes) => {
        const details = { stage, timeoutMs: budget, lastLine: shown(lastLine), driver: this.ctx.driver.name };
        if (!sawBytes && lastLine.length === 0) {
          return new NetRavenError(
            'TIMEOUT',
            `${this.ctx.label}: logged in but the device sent nothing within ${formatDuration(budget)} (${stage}); check the device or raise retrieval.login_timeout_seconds`,
            { details },
          );
        }
        if (echo !== undefined && !this.shell.echoSeen() && this.isPrompt(lastLine)) return this.notEchoed(echo, lastLine, details);
        if (!this.isPrompt(lastLine) && looksLikeQuestion(lastLine)) return unansweredQuestion(this.ctx.label, this.ctx.driver, stage, lastLine);
        return new NetRavenError(
          'PROMPT_NOT_FOUND',
          `${this.ctx.label}: no prompt within ${formatDuration(budget)} after login (${stage}); last line was "${shown(lastLine)}"; check the device_type (${this.ctx.driver.name}) or raise retrieval.login_timeout_seconds`,
          { details },
        );
      },
    };
  }

  /** Why a command's output stopped: an unknown question, a changed prompt, a missing echo, or plain silence. */
  private commandTimeout(command: string, lastLine: string): NetRavenError {
    const idle = this.ctx.limits.idleTimeoutMs;
    const details = { command, stage: 'command', timeoutMs: idle, lastLine: shown(lastLine), expectedPrompt: this.prompt };
    if (this.isPrompt(lastLine)) {
      if (!this.shell.echoSeen()) return this.notEchoed(command, lastLine, details);
      return new NetRavenError(
        'PROMPT_NOT_FOUND',
        `${this.ctx.label}: the prompt changed from "${shown(this.prompt)}" to "${shown(lastLine)}" while running "${command}"; check the device_type`,
        { details },
      );
    }
    if (looksLikeOutputQuestion(lastLine)) return unansweredQuestion(this.ctx.label, this.ctx.driver, `while running "${command}"`, lastLine);
    return new NetRavenError(
      'TIMEOUT',
      `${this.ctx.label}: no output for ${formatDuration(idle)} while running "${command}" (last line: "${shown(lastLine)}"); raise retrieval.idle_timeout_seconds if the device is slow`,
      { details },
    );
  }

  /** The device came back to a prompt without echoing command: its output cannot be told from earlier output. */
  private notEchoed(command: string, lastLine: string, details: Record<string, unknown>): NetRavenError {
    return new NetRavenError(
      'COMMAND_NOT_ECHOED',
      `${this.ctx.label}: the device returned to its prompt "${shown(lastLine)}" without echoing "${command}", so its output cannot be told from earlier output; check the device_type (${this.ctx.driver.name}) and that the account gets an interactive CLI`,
      { details: { ...details, command } },
    );
  }

  private async enable(): Promise<void> {
    const steps = this.ctx.driver.enable;
    if (steps === undefined || steps.privilegedPrompt.test(this.prompt)) return;
    const refused = (why: string): NetRavenError =>
      new NetRavenError('AUTH_FAILED', `${this.ctx.label}: login succeeded but the enable step failed: ${why}; check the enable secret of this credential`, {
        details: { stage: 'enable' },
      });
    const classify = (line: string): 'password' | 'prompt' | undefined =>
      steps.passwordPrompt.test(line) ? 'password' : this.isPrompt(line) ? 'prompt' : undefined;
    this.shell.write(`${steps.command}\n`);
    let step = await this.shell.waitFor(this.loginWait('enable', classify, steps.command));
    const askedSecret = step.value === 'password';
    if (askedSecret) {
      // An absent secret is sent as an empty line: some platforms (ASA) ship with an empty enable password.
      this.shell.write(`${this.ctx.enableSecret ?? ''}\n`);
      try {
        step = await this.shell.waitFor(this.loginWait('enable', classify));
      } catch (err) {
        // Some platforms hang up after a bad enable secret: that is a refusal, not a network fault.
        if (isNetRavenError(err, 'UNREACHABLE')) throw refused('the device closed the session after the enable secret was sent');
        throw err;
      }
      if (step.value === 'password') {
        this.shell.write('\x03');
        throw refused(this.ctx.enableSecret === undefined ? 'the device asks for an enable secret and none is configured' : 'the device refused the enable secret');
      }
    }
    if (!steps.privilegedPrompt.test(step.lastLine)) {
      const why = !askedSecret
        ? 'the device did not grant privileged mode'
        : this.ctx.enableSecret === undefined
          ? 'the device asks for an enable secret and none is configured'
          : 'the device refused the enable secret';
      throw refused(`${why} (prompt stayed "${shown(step.lastLine)}")`);
    }
    this.prompt = step.lastLine;
  }
}
