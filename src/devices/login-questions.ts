/** Questions a device asks between authentication and its first prompt: answered, refused, or reported. */
import { NetRavenError } from '../errors.js';
import type { Driver } from './drivers/driver.js';
import type { PagerDetector } from './pager.js';
import type { LineAnswer } from './shell-channel.js';

const MAX_SHOWN = 120;

/** Shortens a device line for an error message (device text only, never anything we sent). */
export function shown(line: string): string {
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN)}…` : line;
}

// The shapes a waiting question takes: "[y/n]", "(Press 'a' to accept):", "Password:", "[confirm]", "continue?".
const QUESTION_SHAPE = /[?:\])]$|\b(?:press|hit|type)\b.{0,40}\b(?:key|enter|return|to (?:accept|continue))\b|\b(?:y\/n|yes\/no)\b/i;

// Mid-output a stalled line may end in ")" or ":" by chance: a question there also needs a question word.
const QUESTION_WORDS = /\?$|\b(?:more|continue|quit|press|hit|key|confirm|proceed|space|y\/n|yes\/no)\b/i;
const QUESTION_END = /(?:[?:\])>]|--)$/;

/** True when a last line the device stopped at before its first prompt reads like a question. */
export function looksLikeQuestion(line: string): boolean {
  return line.length > 0 && QUESTION_SHAPE.test(line);
}

/** The stricter test used while a command's output runs (an unknown pager prompt, a confirmation). */
export function looksLikeOutputQuestion(line: string): boolean {
  return QUESTION_END.test(line) && QUESTION_WORDS.test(line);
}

/** The error for a device that waits on a question NetRaven has no answer for. */
export function unansweredQuestion(label: string, driver: Driver, stage: string, lastLine: string): NetRavenError {
  return new NetRavenError(
    'QUESTION_UNANSWERED',
    `${label}: the device is waiting for an answer NetRaven does not know ("${shown(lastLine)}", ${stage}); answer it once by hand and turn it off on the device if possible, or report it so the ${driver.name} driver can answer it`,
    { details: { stage, lastLine: shown(lastLine), driver: driver.name } },
  );
}

/**
 * Builds the answer function used until the first prompt: the driver's stops first (they end the session
 * through stop), then its declared answers, then pager prompts. Answers never carry a credential.
 */
export function loginAnswerer(
  label: string,
  driver: Driver,
  pager: PagerDetector,
  stop: (error: NetRavenError) => void,
): (lastLine: string, rawLastLine: () => string) => LineAnswer | undefined {
  return (lastLine, rawLastLine) => {
    if (lastLine.length === 0) return undefined;
    for (const rule of driver.loginStops ?? []) {
      if (!rule.pattern.test(lastLine)) continue;
      stop(
        new NetRavenError(rule.code, `${label}: the device demands a new password before the first prompt ("${shown(lastLine)}"); ${rule.action}`, {
          details: { stage: 'login', lastLine: shown(lastLine), driver: driver.name },
        }),
      );
      return undefined;
    }
    for (const answer of driver.loginAnswers ?? []) if (answer.pattern.test(lastLine)) return { text: answer.reply };
    return pager.answer(lastLine, rawLastLine);
  };
}
