/** The interactive CLI of one simulated device session: echo, prompts, enable, paging, replies. */
import type { ServerChannel } from 'ssh2';
import type { DeviceBehaviour, SimulatedQuestion, SimulatedUser } from './behaviour.js';
import { applyPadding, fillPlaceholders, injectControlSequences, toCrlf, type RenderContext } from './reply-render.js';
import { SimulatedLogin } from './simulated-login.js';
import type { Transcript } from './transcript.js';

type State = 'gate' | 'line' | 'password' | 'login' | 'pager' | 'pager-end' | 'busy' | 'closed';

export class SimulatedShell {
  private state: State = 'busy';
  private input = '';
  private lastWasCr = false;
  private prompt: string;
  private pendingPages: string[] = [];
  private readonly render: RenderContext;
  /** The question a 'gate' waits on, and what to do once it is answered. */
  private gate: { question: SimulatedQuestion; then: () => void } | null = null;
  /** Typed while busy (typeahead option): read at the next prompt. */
  private typedAhead = '';
  private inLoginShell: boolean;
  private login: SimulatedLogin | null = null;
  /** Non-empty command lines typed so far: "{seq}" in a prompt shows the next one's number (ExtremeXOS). */
  private commandsTyped = 0;

  constructor(
    private readonly stream: ServerChannel,
    private readonly transcript: Transcript,
    private readonly behaviour: DeviceBehaviour,
    private readonly enableSecret: string | undefined,
    render: RenderContext,
    private readonly onTyped: (text: string) => void = () => undefined,
    private readonly users: SimulatedUser[] = [],
  ) {
    this.render = render;
    this.inLoginShell = behaviour.loginShell !== undefined;
    this.prompt = this.fill(behaviour.loginShell?.prompt ?? behaviour.prompt ?? transcript.prompt);
    stream.on('data', (data: Buffer) => {
      const text = data.toString('latin1');
      this.onTyped(text);
      this.onData(text);
    });
    stream.on('close', () => {
      this.state = 'closed';
    });
  }

  /** Writes banner, MOTD, the optional splash gate and the first prompt. */
  start(): void {
    if (this.behaviour.hangAfterLogin) return;
    const banner = this.behaviour.banner;
    // Separate writes on purpose: the client must cope with a banner arriving in its own chunk.
    if (banner !== undefined) this.write(`${toCrlf(banner)}\r\n`);
    const motd = this.behaviour.motd ?? this.transcript.motd;
    const steps: ((next: () => void) => void)[] = [];
    const login = this.behaviour.inShellLogin ?? this.transcript.inShellLogin;
    if (login !== undefined) steps.push((next) => this.startLogin(new SimulatedLogin(login, this.users, { write: (t) => this.write(t), hangUp: () => this.hangUp(), done: next })));
    for (const chunk of this.behaviour.loginChunks ?? []) {
      steps.push((next) => setTimeout(() => (this.write(chunk.text), next()), chunk.delayMs ?? 0));
    }
    for (const question of this.behaviour.loginQuestions ?? []) steps.push((next) => this.ask(question, next));
    const splash = this.transcript.pressAnyKey;
    if (splash !== undefined) steps.push((next) => this.ask({ text: `\r\n${splash}`, key: null }, () => this.later(next)));
    const run = (i: number): void => {
      const step = steps[i];
      if (this.state === 'closed') return;
      if (step === undefined) this.showPrompt();
      else step(() => run(i + 1));
    };
    this.later(() => {
      if (motd !== undefined) this.write(`${toCrlf(this.fill(motd))}\r\n`);
      run(0);
    });
  }

  private ask(question: SimulatedQuestion, then: () => void): void {
    this.state = 'gate';
    this.gate = { question, then };
    this.write(toCrlf(this.fill(question.text)));
  }

  private startLogin(login: SimulatedLogin): void {
    this.login = login;
    this.state = 'login';
    login.start();
  }

  private hangUp(): void {
    this.state = 'closed';
    this.stream.end();
  }

  private onGateKey(ch: string): void {
    const gate = this.gate;
    if (gate === null) return;
    const { key, onWrong } = gate.question;
    let answer = ch;
    if (gate.question.line === true) {
      if (ch !== '\r' && ch !== '\n') {
        this.input += ch;
        return;
      }
      answer = this.input;
      this.input = '';
    }
    if (key === null || answer.toLowerCase() === key.toLowerCase()) {
      this.gate = null;
      this.state = 'busy';
      this.write('\r\n');
      gate.then();
    } else if (onWrong !== 'ignore') {
      this.state = 'closed';
      this.stream.end();
    }
  }

  private fill(text: string): string {
    return fillPlaceholders(text, this.render);
  }

  private write(text: string): void {
    if (this.state !== 'closed') this.stream.write(text);
  }

  private later(fn: () => void): void {
    const latency = this.behaviour.latencyMs ?? 0;
    if (latency > 0) setTimeout(fn, latency);
    else setImmediate(fn);
  }

  private showPrompt(): void {
    const current = this.prompt.replaceAll('{seq}', String(this.commandsTyped + 1));
    const prompt = this.behaviour.injectControlSequences ? `\x1b[1m${current}\x1b[0m` : current;
    this.state = 'line';
    this.write(prompt);
    if (this.typedAhead.length > 0) {
      const typed = this.typedAhead;
      this.typedAhead = '';
      this.onData(typed);
    }
  }

  private onData(chunk: string): void {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] ?? '';
      if (this.state === 'gate') this.onGateKey(ch);
      else if (this.state === 'pager' || this.state === 'pager-end') this.onPagerKey(ch);
      else if (this.state === 'line' || this.state === 'password' || this.state === 'login') this.onLineChar(ch);
      else if (this.state === 'busy' && this.behaviour.typeahead === true) {
        this.typedAhead += chunk.slice(i);
        return;
      }
    }
  }

  private onPagerKey(ch: string): void {
    const style = this.behaviour.pagerStyle;
    if (style === undefined) {
      this.state = 'busy';
      this.write(this.transcript.pager.erase);
      return this.nextPage();
    }
    if (this.state === 'pager-end') {
      if (ch !== style.last?.key) return;
      this.write(style.last.erase);
      return this.showPrompt();
    }
    if (ch === (style.continueKey ?? ' ')) {
      this.state = 'busy';
      this.write(style.erase);
      return this.nextPage();
    }
    if (ch === 'q' || ch === 'Q') {
      // Quitting a pager drops the rest of the output: a wrong answer shows up as a truncated configuration.
      this.pendingPages = [];
      this.write(style.erase);
      this.showPrompt();
    }
  }

  private onLineChar(ch: string): void {
    const wasCr = this.lastWasCr;
    this.lastWasCr = ch === '\r';
    if (ch === '\n' && wasCr) return;
    if (ch === '\x03') {
      this.input = '';
      this.write('^C\r\n');
      this.showPrompt();
      return;
    }
    if (ch !== '\r' && ch !== '\n') {
      this.input += ch;
      return;
    }
    const line = this.input;
    this.input = '';
    if (this.state === 'login') return this.login?.line(line);
    if (this.state === 'password') {
      this.write('\r\n');
      this.onEnableSecret(line);
      return;
    }
    this.write(this.behaviour.noEcho === true ? '\r\n' : `${line}\r\n`);
    this.state = 'busy';
    this.later(() => this.onCommand(line.trim()));
  }

  private onEnableSecret(secret: string): void {
    const enable = this.transcript.enable;
    if (enable === undefined) return;
    if (secret === this.enableSecret) this.prompt = this.fill(enable.prompt);
    else {
      this.write(`${enable.failure}\r\n`);
      if (this.behaviour.disconnectOnEnableFailure) {
        this.state = 'closed';
        this.stream.end();
        return;
      }
    }
    this.state = 'busy';
    this.later(() => this.showPrompt());
  }

  private onCommand(command: string): void {
    const { transcript, behaviour } = this;
    if (command.length === 0) return this.showPrompt();
    this.commandsTyped += 1;
    const shell = behaviour.loginShell;
    if (shell !== undefined && this.inLoginShell) {
      if (command !== shell.enter) return this.reply(this.fill(shell.error).replaceAll('{command}', command.split(' ')[0] ?? command));
      this.inLoginShell = false;
      this.prompt = this.fill(behaviour.prompt ?? transcript.prompt);
      return this.showPrompt();
    }
    if (transcript.exitCommands.includes(command)) {
      this.state = 'closed';
      this.stream.exit(0);
      this.stream.end();
      return;
    }
    const enable = transcript.enable;
    if (enable !== undefined && command === enable.command) {
      if (this.enableSecret === undefined) {
        this.prompt = this.fill(enable.prompt);
        return this.showPrompt();
      }
      this.state = 'password';
      this.write(enable.passwordPrompt);
      return;
    }
    const reply = transcript.replies.get(command);
    const paged = behaviour.pagerEveryLines !== undefined;
    if (reply === undefined || (reply.disablesPaging && paged) || behaviour.rejectCommands?.includes(command) === true) {
      return this.reply(this.fill(transcript.errorReply).replaceAll('{command}', command));
    }
    if (reply.prompt !== undefined) this.prompt = this.fill(reply.prompt);
    let text = this.fill(reply.text);
    if (command === transcript.configCommand) {
      text = applyPadding(text, transcript, behaviour.configBytes);
      if (behaviour.injectControlSequences) text = injectControlSequences(text);
    }
    this.reply(text, command === transcript.configCommand);
  }

  private reply(text: string, isConfig = false): void {
    const body = text.length === 0 ? '' : `${toCrlf(text)}\r\n`;
    const pagerLines = this.behaviour.pagerEveryLines;
    if (pagerLines !== undefined && body.length > 0) {
      const lines = body.split(/(?<=\r\n)/);
      this.pendingPages = [];
      for (let i = 0; i < lines.length; i += pagerLines) this.pendingPages.push(lines.slice(i, i + pagerLines).join(''));
      return this.nextPage();
    }
    const stall = this.behaviour.stall;
    if (isConfig && stall !== undefined && body.length > stall.afterBytes) {
      this.write(body.slice(0, stall.afterBytes));
      setTimeout(() => {
        this.write(body.slice(stall.afterBytes));
        this.showPrompt();
      }, stall.ms);
      return;
    }
    this.write(body);
    this.showPrompt();
  }

  private nextPage(): void {
    const page = this.pendingPages.shift();
    if (page === undefined) return this.showPrompt();
    this.write(page);
    const style = this.behaviour.pagerStyle;
    if (this.pendingPages.length === 0) {
      if (style?.last === undefined) return this.showPrompt();
      this.state = 'pager-end';
      this.write(style.last.prompt);
      return;
    }
    this.state = 'pager';
    this.write(style?.prompt ?? this.transcript.pager.prompt);
  }
}
