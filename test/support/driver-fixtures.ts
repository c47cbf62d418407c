/** What the shared driver suite requires of every driver's fixtures (docs/adding-a-driver.md, "The transcripts"). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from '../../src/devices/drivers/driver.js';
import { fixtureDir, loadTranscript } from './device-simulator/index.js';

/** Non-blank lines the main configuration reply must have (a realistic configuration, not a toy). */
export const MIN_CONFIG_LINES = 100;

/** Fixture files a driver must have: every driver the main and volatile pair; shell drivers a pager variant and their widest prompt; drivers with info commands a refusal. */
export function requiredFixtures(driver: Driver): string[] {
  const files = ['transcript.json', 'expected.txt', 'prompts.json', 'volatile/transcript.json', 'volatile/expected.txt'];
  if (driver.mode === 'shell') files.push('pager/transcript.json', 'dialogue/widest-prompt.json');
  if (driver.commands.some((c) => c.role === 'info')) files.push('info-refused/transcript.json', 'info-refused/expected.txt');
  return files;
}

/** The required fixture files that are missing. */
export function missingFixtures(driver: Driver): string[] {
  return requiredFixtures(driver).filter((file) => !existsSync(join(fixtureDir(driver.name), file)));
}

/** Non-blank lines the main transcript answers to the driver's configuration commands ({padding} excluded). */
export function configLines(driver: Driver): number {
  const transcript = loadTranscript(driver.name);
  const texts = driver.commands.filter((c) => c.role === 'config').map((c) => transcript.replies.get(c.command)?.text ?? '');
  return texts.join('\n').split('\n').filter((line) => line.trim().length > 0 && line.trim() !== '{padding}').length;
}

/** Prompt samples of a driver (prompts.json): lines its prompt pattern must accept and must refuse. */
export function promptSamples(driver: string): { ok: string[]; not: string[] } {
  return JSON.parse(readFileSync(join(fixtureDir(driver), 'prompts.json'), 'utf8')) as { ok: string[]; not: string[] };
}
