/** Renders transcript text for one retrieval: placeholders, padding, control-sequence injection, CRLF. */
import type { Transcript } from './transcript.js';

export interface RenderContext {
  hostname: string;
  username: string;
  /** Retrieval number: drives {time} and {counter} when timestamps change per retrieval. */
  retrieval: number;
  changingTimestamp: boolean;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Replaces {hostname}, {username}, {time} (HH:MM:SS) and {counter}. */
export function fillPlaceholders(text: string, ctx: RenderContext): string {
  const tick = ctx.changingTimestamp ? ctx.retrieval : 0;
  const seconds = 36_000 + tick * 37;
  const time = `${two(Math.floor(seconds / 3600) % 24)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return text
    .replaceAll('{hostname}', ctx.hostname)
    .replaceAll('{username}', ctx.username)
    .replaceAll('{time}', time)
    .replaceAll('{counter}', String(7 + tick));
}

const paddingCache = new Map<string, string>();

/** Builds padding blocks ({n} numbered) of at least bytes bytes; cached per driver and size. */
export function padding(transcript: Transcript, bytes: number): string {
  const key = `${transcript.driver}:${bytes}`;
  const cached = paddingCache.get(key);
  if (cached !== undefined) return cached;
  const block = transcript.paddingBlock ?? '';
  const parts: string[] = [];
  let size = 0;
  for (let n = 1; block.length > 0 && size < bytes; n += 1) {
    const filled = block.replaceAll('{n}', String(n)).replaceAll('{slot}', String(Math.floor(n / 48) + 1)).replaceAll('{port}', String((n % 48) + 1));
    parts.push(filled);
    size += filled.length;
  }
  const result = parts.join('').replace(/\n$/, '');
  paddingCache.set(key, result);
  return result;
}

/** Inserts the padding at {padding} (or removes the placeholder line when no padding is asked for). */
export function applyPadding(text: string, transcript: Transcript, bytes: number | undefined): string {
  if (!text.includes('{padding}')) return text;
  if (bytes === undefined || bytes <= text.length) return text.replace(/^\{padding\}\n?/m, '');
  return text.replace('{padding}', padding(transcript, bytes - text.length));
}

/** Adds an OSC title, CSI colours and NUL bytes every few lines: all must disappear after cleaning. */
export function injectControlSequences(text: string): string {
  const lines = text.split('\n');
  const out = lines.map((line, i) => {
    if (i % 7 === 3) return `\x1b[1;32m${line}\x1b[0m`;
    if (i % 11 === 5) return `${line}\x00\x00`;
    if (i % 13 === 6) return `\x1b]0;title ${i}\x07${line}\x1b[K`;
    return line;
  });
  return `\x1b]2;simulated\x1b\\${out.join('\n')}`;
}

/** Converts bare LF line endings to the CRLF a pty sends. */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
