/** The byte pump of one interactive shell: collects output, watches the last line, enforces idle/size limits. */
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import { NetRavenError } from '../errors.js';
import { OutputTail } from './output-tail.js';

/** What to send when the last line asks for it, and how many characters at the end of the output to drop first. */
export interface LineAnswer {
  text: string;
  /** The question itself (e.g. a pager prompt) is cut from the collected output: it is not device data. */
  dropChars?: number;
}

export interface WaitSpec<T> {
  /** Returns a value when the last line is what we wait for; lineNumber grows with every newline received. */
  match: (lastLine: string, lineNumber: number) => T | undefined;
  /** Returns the answer when the last line asks for one (pager, "press any key"); each line is answered once. */
  answer?: (lastLine: string, rawLastLine: () => string) => LineAnswer | undefined;
  /** When set, match is consulted only after a complete line ending with this command (its echo) arrived. */
  echo?: string;
  timeoutMs: number;
  /** 'idle': the timer restarts with every byte; 'absolute': it does not. */
  timeoutKind: 'idle' | 'absolute';
  /** Builds the error when the timer fires, from the last line and whether any byte arrived during the wait. */
  onTimeout: (lastLine: string, sawBytes: boolean) => NetRavenError;
}

export interface WaitResult<T> {
  value: T;
  /** Everything received since the previous wait ended (raw, uncleaned), as received: a 100 MB output is never joined here. */
  chunks: string[];
  /** Offset in the chunks' concatenation just past the echo line (0 when no echo was awaited). */
  bodyStart: number;
  lastLine: string;
}

interface ActiveWait {
  spec: WaitSpec<unknown>;
  resolve: (result: WaitResult<unknown>) => void;
  reject: (err: NetRavenError) => void;
  timer: NodeJS.Timeout;
  startedAt: number;
  bytesAtStart: number;
  answeredLine: number;
}

export class ShellChannel {
  private readonly decoder = new StringDecoder('utf8');
  private readonly tail = new OutputTail();
  private active: ActiveWait | null = null;
  private failure: NetRavenError | null = null;
  /** The device closed the channel while nothing waited. */
  private closed = false;
  private lastDataAt = Date.now();
  bytesReceived = 0;

  constructor(
    private readonly stream: ClientChannel,
    private readonly maxOutputBytes: number,
    private readonly describeOverflow: (limit: number) => NetRavenError,
    private readonly describeClose: () => NetRavenError,
  ) {
    stream.on('data', (data: Buffer) => this.onData(data));
    stream.stderr.on('data', (data: Buffer) => this.onData(data));
    // The close after a finished session is normal: its error is made only when something still waits or writes.
    stream.on('close', () => this.onClose());
    stream.on('error', () => this.fail(this.describeClose()));
  }

  /** Sends text to the device. */
  write(text: string): void {
    if (this.failure === null && !this.closed) this.stream.write(text);
  }

  /** Resolves when spec.match accepts the last line; rejects on timeout, overflow, close or abort. */
  waitFor<T>(spec: WaitSpec<T>): Promise<WaitResult<T>> {
    if (this.closed) this.fail(this.describeClose());
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<WaitResult<T>>((resolve, reject) => {
      const now = Date.now();
      this.active = {
        spec: spec as WaitSpec<unknown>,
        resolve: resolve as (result: WaitResult<unknown>) => void,
        reject,
        timer: setTimeout(() => this.onTimer(), spec.timeoutMs),
        startedAt: now,
        bytesAtStart: this.bytesReceived,
        answeredLine: -1,
      };
      if (spec.timeoutKind === 'idle') this.lastDataAt = now;
      if (spec.echo !== undefined) this.tail.expectEcho(spec.echo);
      // Output that arrived before the wait started (e.g. the first prompt) must be examined too.
      if (this.tail.length > 0) this.examine();
    });
  }

  /** Stops everything with the given error (overall limit, connection loss). */
  fail(error: NetRavenError): void {
    if (this.failure !== null) return;
    this.failure = error;
    const active = this.active;
    this.active = null;
    if (active !== null) {
      clearTimeout(active.timer);
      active.reject(error);
    }
  }

  private onClose(): void {
    if (this.active !== null) this.fail(this.describeClose());
    else this.closed = true;
  }

  /** Closes the shell without waiting for the device. */
  close(): void {
    this.fail(this.describeClose());
    this.stream.destroy();
  }

  private onData(data: Buffer): void {
    if (this.failure !== null) return;
    this.bytesReceived += data.length;
    this.lastDataAt = Date.now();
    if (this.bytesReceived > this.maxOutputBytes) {
      this.fail(this.describeOverflow(this.maxOutputBytes));
      this.stream.destroy();
      return;
    }
    this.tail.push(this.decoder.write(data));
    if (this.active !== null) this.examine();
  }

  private examine(): void {
    const active = this.active;
    if (active === null) return;
    const lastLine = this.tail.lastLine();
    const line = this.tail.lineNumber();
    const echoed = active.spec.echo === undefined || this.tail.echoEnd >= 0;
    const value = echoed ? active.spec.match(lastLine, line) : undefined;
    if (value !== undefined) {
      this.active = null;
      clearTimeout(active.timer);
      const bodyStart = Math.max(0, this.tail.echoEnd);
      active.resolve({ value, chunks: this.tail.takeChunks(), bodyStart, lastLine });
      return;
    }
    if (active.spec.answer !== undefined && active.answeredLine !== line) {
      const answer = active.spec.answer(lastLine, () => this.tail.rawLastLine());
      if (answer !== undefined) {
        active.answeredLine = line;
        if (answer.dropChars !== undefined) this.tail.dropEnd(answer.dropChars);
        this.stream.write(answer.text);
      }
    }
  }

  /** Drops everything collected and not yet taken by a wait (output of a step that is being redone). */
  discard(): void {
    this.tail.take();
  }

  /** True once the echo awaited by the current or last wait arrived: tells a stray prompt from a finished command. */
  echoSeen(): boolean {
    return this.tail.echoEnd >= 0;
  }

  private onTimer(): void {
    const active = this.active;
    if (active === null) return;
    const { spec } = active;
    if (spec.timeoutKind === 'idle') {
      // Re-arm instead of resetting a timer per chunk: cheap while a large output keeps flowing.
      const quietFor = Date.now() - this.lastDataAt;
      if (quietFor < spec.timeoutMs) {
        active.timer = setTimeout(() => this.onTimer(), spec.timeoutMs - quietFor);
        return;
      }
    }
    this.active = null;
    active.reject(spec.onTimeout(this.tail.lastLine(), this.bytesReceived > active.bytesAtStart));
  }
}
