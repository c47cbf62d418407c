/** Exec-mode commands of a simulated device (Linux): one reply per exec channel, then an exit status. */
import type { ServerChannel } from 'ssh2';
import type { DeviceBehaviour } from './behaviour.js';
import { applyPadding, fillPlaceholders, injectControlSequences, type RenderContext } from './reply-render.js';
import type { Transcript } from './transcript.js';

/** Writes the reply of command on stream and closes it with exit status 0, or 127 when unknown. */
export function serveExec(stream: ServerChannel, command: string, transcript: Transcript, behaviour: DeviceBehaviour, render: RenderContext): void {
  if (behaviour.hangAfterLogin) return;
  const finish = (): void => {
    const reply = transcript.replies.get(command.trim());
    if (reply === undefined || behaviour.rejectCommands?.includes(command.trim()) === true) {
      stream.stderr.write(`${fillPlaceholders(transcript.errorReply, render).replaceAll('{command}', command)}\n`);
      stream.exit(127);
      stream.end();
      return;
    }
    let text = fillPlaceholders(reply.text, render);
    if (command.trim() === transcript.configCommand) {
      text = applyPadding(text, transcript, behaviour.configBytes);
      if (behaviour.injectControlSequences) text = injectControlSequences(text);
    }
    if (text.length > 0) stream.write(`${text}\n`);
    stream.exit(0);
    stream.end();
  };
  const latency = behaviour.latencyMs ?? 0;
  if (latency > 0) setTimeout(finish, latency);
  else setImmediate(finish);
}
