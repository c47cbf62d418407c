/** Runs a driver's commands over an authenticated client (shell or exec) and cleans each output. */
import type { Client, ClientChannel } from 'ssh2';
import { NetRavenError } from '../errors.js';
import { cleanCommandChunks, cleanCommandOutput } from './cleaning.js';
import { runDriverCommand, type CommandOutput } from './command-output.js';
import { execCommand, type ByteBudget } from './exec-runner.js';
import { pagerRemover } from './pager.js';
import type { SessionLimits } from './session-limits.js';
import { ShellChannel } from './shell-channel.js';
import { ShellDialogue, type DialogueContext } from './shell-dialogue.js';

export interface CommandsResult {
  outputs: CommandOutput[];
  prompt: string;
  bytesReceived: number;
}

// A wide, tall terminal: fewer wrapped lines and fewer pager stops when paging cannot be disabled.
const PTY = { term: 'vt100', cols: 511, rows: 500, width: 0, height: 0 };

function openShell(client: Client, label: string): Promise<ClientChannel> {
  return new Promise<ClientChannel>((resolve, reject) => {
    client.shell(PTY, (err, stream) => {
      if (err) {
        reject(
          new NetRavenError('PROMPT_NOT_FOUND', `${label}: the device refused an interactive shell (${err.message}); check the device_type or the account's shell access`, {
            details: { stage: 'shell' },
          }),
        );
      } else resolve(stream);
    });
  });
}

/**
 * Opens one pty shell channel with the session's byte limit; the overall limit (`aborted`) fails any
 * pending wait. Rejects with PROMPT_NOT_FOUND when the device refuses a shell.
 */
export async function openShellChannel(client: Client, label: string, limits: SessionLimits, aborted: Promise<never>): Promise<{ shell: ShellChannel; stream: ClientChannel }> {
  const stream = await Promise.race([openShell(client, label), aborted]);
  const shell = new ShellChannel(
    stream,
    limits.maxOutputBytes,
    (limit) =>
      new NetRavenError('OUTPUT_TOO_LARGE', `${label}: output exceeded ${limit} bytes; raise retrieval.max_output_bytes if this device really has such a configuration`, {
        details: { limitBytes: limit },
      }),
    () => new NetRavenError('UNREACHABLE', `${label}: the device closed the session unexpectedly; check the device's logs and vty limits`, { details: { stage: 'shell' } }),
  );
  // Abort (overall limit) must also wake a pending wait, with the abort's own error.
  aborted.catch((err: NetRavenError) => shell.fail(err));
  return { shell, stream };
}

/** Opens one pty shell, logs in (prompt, enable, paging) and runs every configuration command. */
export async function runShellCommands(client: Client, ctx: DialogueContext, aborted: Promise<never>): Promise<CommandsResult> {
  const { driver, label, limits } = ctx;
  const { shell } = await openShellChannel(client, label, limits, aborted);
  const dialogue = new ShellDialogue(shell, ctx);
  await dialogue.login();
  const remover = pagerRemover();
  const outputs: CommandOutput[] = [];
  for (const spec of driver.commands) {
    const output = await runDriverCommand(driver, spec, label, async (sent) => {
      const { command, chunks, bodyStart } = await dialogue.run(sent);
      // Cleaned from the echo line's end, as a stream: the received chunks are released as their lines are cleaned.
      const text = cleanCommandChunks(chunks, bodyStart, { command: '', prompt: dialogue.prompt, pagerRemover: remover });
      return { command, text };
    });
    outputs.push(output);
  }
  if (driver.exitCommand !== undefined) shell.write(`${driver.exitCommand}\n`);
  return { outputs, prompt: dialogue.prompt, bytesReceived: shell.bytesReceived };
}

/** Runs every command on its own exec channel, one after the other; a non-zero exit status is a rejection. */
export async function runExecCommands(client: Client, ctx: DialogueContext): Promise<CommandsResult> {
  const { driver, label, limits } = ctx;
  const budget: ByteBudget = { used: 0 };
  const remover = pagerRemover();
  const outputs: CommandOutput[] = [];
  for (const spec of driver.commands) {
    const output = await runDriverCommand(driver, spec, label, async (command) => {
      ctx.onCommandSent?.(command);
      const result = await execCommand(client, command, label, limits, budget);
      ctx.onCommandDone?.(command, result.output.length);
      return { command, text: cleanCommandOutput(result.output, { command: '', prompt: '', pagerRemover: remover }), exitCode: result.exitCode };
    });
    outputs.push(output);
  }
  return { outputs, prompt: '', bytesReceived: budget.used };
}
