/** The interactive CLI of one simulated device session: echo, prompts, enable, paging, replies. */
import type { ServerChannel } from 'ssh2';
import type { DeviceBehaviour } from './behaviour.js';
import { applyPadding, fillPlaceholders, injectControlSequences, toCrlf, type RenderContext } from './reply-render.js';
import type { Transcript } from './transcript.js';

type State = 'gate' | 'line' | 'password' | 'pager' | 'busy' | 'closed';

export class SimulatedShell {
  private state: State = 'busy';
  private input = '';
  private lastWasCr = false;
  private prompt: string;
  private pendingPages: string[] = [];
  private readonly render: RenderContext;

  constructor(
    private readonly stream: ServerChannel,
    private readonly transcript: Transcript,
    private readonly behaviour: DeviceBehaviour,
    private readonly enableSecret: string | undefined,
    render: RenderContext,
  ) {
    this.render = render;
    this.prompt = this.fill(transcript.prompt);
    stream.on('data', (data: Buffer) => this.onData(data.toString('latin1')));
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
    this.later(() => {
      if (motd !== undefined) this.write(`${toCrlf(this.fill(motd))}\r\n`);
      if (this.transcript.pressAnyKey !== undefined) {
        this.state = 'gate';
        this.write(`\r\n${this.transcript.pressAnyKey}`);
        return;
      }
      this.showPrompt();
    });
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
    const prompt = this.behaviour.injectControlSequences ? `\x1b[1m${this.prompt}\x1b[0m` : this.prompt;
    this.state = 'line';
    this.write(prompt);
  }

  private onData(chunk: string): void {
    for (const ch of chunk) {
      if (this.state === 'gate') {
        this.state = 'busy';
        this.write('\r\n');
        this.later(() => this.showPrompt());
      } else if (this.state === 'pager') {
        this.state = 'busy';
        this.write(this.transcript.pager.erase);
        this.nextPage();
      } else if (this.state === 'line' || this.state === 'password') {
        this.onLineChar(ch);
      }
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
    if (this.state === 'password') {
      this.write('\r\n');
      this.onEnableSecret(line);
      return;
    }
    this.write(`${line}\r\n`);
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
    if (this.pendingPages.length === 0) return this.showPrompt();
    this.state = 'pager';
    this.write(this.transcript.pager.prompt);
  }
}
