/** Runs one command over an SSH exec channel (no pty, no prompt): for platforms where exec is reliable. */
import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { NetRavenError } from '../errors.js';
import { boundHeapGrowthFor } from './large-text-memory.js';
import { formatDuration, type SessionLimits } from './session-limits.js';

export interface ExecResult {
  output: string;
  exitCode: number | null;
  bytes: number;
}

/** Byte budget shared by every channel of one device, so the cap counts the whole retrieval. */
export interface ByteBudget {
  used: number;
}

/** Executes command and collects stdout and stderr until the channel closes; enforces idle and size limits. */
export function execCommand(client: Client, command: string, label: string, limits: SessionLimits, budget: ByteBudget): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    const chunks: string[] = [];
    const decoder = new StringDecoder('utf8');
    let bytes = 0;
    let exitCode: number | null = null;
    let lastDataAt = Date.now();
    let channel: ClientChannel | null = null;
    let done = false;
    const finish = (error: NetRavenError | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error !== null) {
        channel?.destroy();
        reject(error);
      } else resolve({ output: chunks.join('') + decoder.end(), exitCode, bytes });
    };
    const onTimer = (): void => {
      const quietFor = Date.now() - lastDataAt;
      if (quietFor < limits.idleTimeoutMs) {
        timer = setTimeout(onTimer, limits.idleTimeoutMs - quietFor);
        return;
      }
      finish(
        new NetRavenError('TIMEOUT', `${label}: no output for ${formatDuration(limits.idleTimeoutMs)} while running "${command}"; raise retrieval.idle_timeout_seconds if the device is slow`, {
          details: { command, stage: 'command', timeoutMs: limits.idleTimeoutMs },
        }),
      );
    };
    let timer = setTimeout(onTimer, limits.idleTimeoutMs);
    const onData = (data: Buffer): void => {
      bytes += data.length;
      budget.used += data.length;
      lastDataAt = Date.now();
      if (budget.used > limits.maxOutputBytes) {
        finish(
          new NetRavenError('OUTPUT_TOO_LARGE', `${label}: output exceeded ${limits.maxOutputBytes} bytes while running "${command}"; raise retrieval.max_output_bytes if this device really has such a configuration`, {
            details: { command, limitBytes: limits.maxOutputBytes },
          }),
        );
        return;
      }
      chunks.push(decoder.write(data));
      boundHeapGrowthFor(bytes);
    };
    client.exec(command, (err, stream) => {
      if (err) {
        finish(
          new NetRavenError('COMMAND_REJECTED', `${label}: the device refused to run "${command}" over exec (${err.message}); check the device_type`, {
            details: { command },
          }),
        );
        return;
      }
      channel = stream;
      stream.on('data', onData);
      stream.stderr.on('data', onData);
      let sawExit = false;
      stream.on('exit', (code: number | null) => {
        sawExit = true;
        exitCode = typeof code === 'number' ? code : null;
      });
      stream.on('close', () => {
        // Without an exit status the output may be cut short: never store a possibly truncated file.
        if (sawExit) finish(null);
        else {
          finish(
            new NetRavenError('UNREACHABLE', `${label}: the connection closed before "${command}" reported an exit status; the output may be incomplete, retry later`, {
              details: { command, stage: 'command' },
            }),
          );
        }
      });
    });
  });
}
