import type { Readable } from 'node:stream';
import { NetRavenError } from '../errors.js';

/** stdin as the prompt needs it: a terminal can switch echo off (raw mode). */
export type SecretInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

export interface SecretPromptOptions {
  input: SecretInput;
  /** Where prompts go (stderr): never the secret itself. */
  write: (text: string) => void;
  /** One prompt per secret, e.g. ['Secret', 'Enable secret']. */
  prompts: string[];
}

const MAX_PIPED_BYTES = 64 * 1024;

/** Reads one line from a terminal without echoing it; Ctrl-C cancels, backspace and Ctrl-U edit. */
function readHidden(input: SecretInput, write: (text: string) => void, prompt: string): Promise<string> {
  write(`${prompt}: `);
  input.setRawMode!(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: NetRavenError) => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || (ch === '\u0004' && value === '')) return finish();
        if (ch === '\u0003') return finish(new NetRavenError('INPUT_INVALID', 'cancelled at the secret prompt: nothing was changed', { exitCode: 130 }));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u0015') value = '';
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** Reads piped input: one secret per line, in prompt order. */
async function readPiped(input: SecretInput, count: number): Promise<string[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_PIPED_BYTES) throw new NetRavenError('INPUT_INVALID', `stdin holds more than ${MAX_PIPED_BYTES} bytes: pipe only the secret (first line) and the enable secret (second line)`);
    chunks.push(buffer);
  }
  const lines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  return Array.from({ length: count }, (_, i) => lines[i] ?? '');
}

/**
 * Reads secrets from a hidden, confirmed prompt on a terminal, or line by line from piped
 * stdin; never from arguments or the environment, which other users and logs can see.
 */
export async function readSecrets(options: SecretPromptOptions): Promise<string[]> {
  const { input, write, prompts } = options;
  if (!input.isTTY || !input.setRawMode) return readPiped(input, prompts.length);
  const secrets: string[] = [];
  for (const prompt of prompts) {
    const first = await readHidden(input, write, prompt);
    if (first !== '' && first !== (await readHidden(input, write, `${prompt} (again)`))) {
      throw new NetRavenError('INPUT_INVALID', `the two entries of "${prompt}" differ: nothing was changed; try again`);
    }
    secrets.push(first);
  }
  return secrets;
}
