/** The conversation with an interactive CLI: first prompt, enable, paging setup, then the configuration commands. */
import { NetRavenError, isNetRavenError } from '../errors.js';
import type { Driver } from './drivers/driver.js';
import { pagerDetector } from './pager.js';
import { formatDuration, type SessionLimits } from './session-limits.js';
import type { ShellChannel, WaitSpec } from './shell-channel.js';

export interface DialogueContext {
  label: string;
  driver: Driver;
  limits: SessionLimits;
  enableSecret?: string;
  onCommandSent?: (command: string) => void;
  onCommandDone?: (command: string, chars: number) => void;
}

export interface RawCommandOutput {
  command: string;
  raw: string;
}

const MAX_SHOWN = 120;

/** Shortens a device line for an error message (device text only, never anything we sent). */
function shown(line: string): string {
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN)}…` : line;
}

export class ShellDialogue {
  private readonly pager: RegExp;
  private loginDeadline = 0;
  /** The exact prompt learned at login; commands end only when the output ends with it. */
  prompt = '';

  constructor(
    private readonly shell: ShellChannel,
    private readonly ctx: DialogueContext,
  ) {
    this.pager = pagerDetector(ctx.driver.pagerPatterns);
  }

  /** Waits for the first prompt, enters privileged mode and disables paging; learns the final prompt. */
  async login(): Promise<void> {
    this.loginDeadline = Date.now() + this.ctx.limits.loginTimeoutMs;
    const first = await this.shell.waitFor(this.promptWait('login', (line) => (this.isPrompt(line) ? line : undefined)));
    this.prompt = first.lastLine;
    await this.enable();
    for (const command of this.ctx.driver.setupCommands) {
      this.shell.write(`${command}\n`);
      // A refused paging command is fine: the pager fallback answers "--More--" instead.
      const done = await this.shell.waitFor(this.promptWait(command, (line) => (this.isPrompt(line) ? line : undefined)));
      this.prompt = done.lastLine;
    }
  }

  /** Runs one command and returns its raw output once the exact learned prompt ends the output. */
  async run(command: string): Promise<RawCommandOutput> {
    this.ctx.onCommandSent?.(command);
    this.shell.write(`${command}\n`);
    const idle = this.ctx.limits.idleTimeoutMs;
    const result = await this.shell.waitFor<true>({
      match: (line) => (line === this.prompt ? true : undefined),
      answer: (line) => this.pagerAnswer(line),
      timeoutMs: idle,
      timeoutKind: 'idle',
      onTimeout: (lastLine) => {
        if (this.isPrompt(lastLine)) {
          return new NetRavenError(
            'PROMPT_NOT_FOUND',
            `${this.ctx.label}: the prompt changed from "${shown(this.prompt)}" to "${shown(lastLine)}" while running "${command}"; check the device_type`,
            { details: { command, expectedPrompt: this.prompt, lastLine: shown(lastLine) } },
          );
        }
        return new NetRavenError(
          'TIMEOUT',
          `${this.ctx.label}: no output for ${formatDuration(idle)} while running "${command}" (last line: "${shown(lastLine)}"); raise retrieval.idle_timeout_seconds if the device is slow`,
          { details: { command, stage: 'command', timeoutMs: idle, lastLine: shown(lastLine) } },
        );
      },
    });
    this.ctx.onCommandDone?.(command, result.raw.length);
    return { command, raw: result.raw };
  }

  private isPrompt(line: string): boolean {
    return line.length > 0 && this.ctx.driver.promptPattern.test(line);
  }

  private pagerAnswer(line: string): string | undefined {
    return this.pager.test(line) ? (this.ctx.driver.pagerReply ?? ' ') : undefined;
  }

  private loginAnswer(line: string): string | undefined {
    for (const answer of this.ctx.driver.loginAnswers ?? []) if (answer.pattern.test(line)) return answer.reply;
    return this.pagerAnswer(line);
  }

  /** A wait bounded by what is left of the login time, answering pager and "press any key" prompts. */
  private promptWait<T>(stage: string, match: (line: string) => T | undefined): WaitSpec<T> {
    const budget = this.ctx.limits.loginTimeoutMs;
    return {
      match,
      answer: (line) => this.loginAnswer(line),
      timeoutMs: Math.max(1, this.loginDeadline - Date.now()),
      timeoutKind: 'absolute',
      onTimeout: (lastLine, sawBytes) => {
        if (!sawBytes) {
          return new NetRavenError(
            'TIMEOUT',
            `${this.ctx.label}: logged in but the device sent nothing within ${formatDuration(budget)} (${stage}); check the device or raise retrieval.login_timeout_seconds`,
            { details: { stage, timeoutMs: budget } },
          );
        }
        return new NetRavenError(
          'PROMPT_NOT_FOUND',
          `${this.ctx.label}: no prompt within ${formatDuration(budget)} after login (${stage}); last line was "${shown(lastLine)}"; check the device_type (${this.ctx.driver.name}) or raise retrieval.login_timeout_seconds`,
          { details: { stage, timeoutMs: budget, lastLine: shown(lastLine), driver: this.ctx.driver.name } },
        );
      },
    };
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
    let step = await this.shell.waitFor(this.promptWait('enable', classify));
    const askedSecret = step.value === 'password';
    if (askedSecret) {
      // An absent secret is sent as an empty line: some platforms (ASA) ship with an empty enable password.
      this.shell.write(`${this.ctx.enableSecret ?? ''}\n`);
      try {
        step = await this.shell.waitFor(this.promptWait('enable', classify));
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
