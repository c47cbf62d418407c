/** Offline replay of `auto` detection on a transcript: the observations the session would make, probes answered from the transcript. */
import { toPlainText } from '../../src/devices/control-sequences.js';
import { decide, MAX_PROBES, nextProbe, scoreDrivers, type DetectionObservations, type DriverScore } from '../../src/devices/detection/evidence-scoring.js';
import { allDrivers } from '../../src/devices/drivers/registry.js';
import { loadTranscript } from './device-simulator/index.js';
import { fillPlaceholders } from './device-simulator/reply-render.js';

export interface Replay {
  seen: DetectionObservations;
  scores: DriverScore[];
  winner: DriverScore | undefined;
}

/** The last non-blank line of a filled prompt template, as the session shows it (controls removed, trailing blanks trimmed). */
function shownPrompt(template: string, fill: (text: string) => string): string {
  const lines = toPlainText(fill(template)).split('\n').map((l) => l.trimEnd());
  return lines.filter((l) => l.length > 0).pop() ?? '';
}

/** Replays detection on a driver's transcript (or a variant) with the same rule and probe choice as the session. */
export function replayDetection(driver: string, variant?: string): Replay {
  const transcript = loadTranscript(driver, variant);
  const fill = (text: string) => fillPlaceholders(text, { hostname: 'core-sw1', username: 'admin', retrieval: 1, changingTimestamp: false });
  const seen: DetectionObservations = {
    sshIdent: transcript.sshIdent === undefined ? 'SSH-2.0-ssh2js' : `SSH-2.0-${transcript.sshIdent}`,
    loginText: toPlainText(fill(`${transcript.motd ?? ''}${transcript.pressAnyKey ?? ''}`)).trim(),
    prompt: shownPrompt(transcript.prompt, fill),
    probes: new Map(),
  };
  const drivers = allDrivers();
  let scores = scoreDrivers(drivers, seen);
  while (decide(scores) === undefined && seen.probes.size < MAX_PROBES) {
    const command = nextProbe(drivers, scores, new Set(seen.probes.keys()));
    if (command === undefined) break;
    const reply = transcript.replies.get(command);
    seen.probes.set(command, fill(reply === undefined ? transcript.errorReply.replaceAll('{command}', command) : reply.text));
    scores = scoreDrivers(drivers, seen);
  }
  return { seen, scores, winner: decide(scores) };
}
