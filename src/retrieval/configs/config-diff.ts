/** Unified diffs between two stored versions (jsdiff), plain text: colouring is the terminal's business. */
import { createTwoFilesPatch } from 'diff';
import { NetRavenError } from '../../errors.js';
import type { Version } from './config-versions.js';

const DIFF_TIMEOUT_MS = 20_000;

function label(hostname: string, version: Version): string {
  return `${hostname}@${version.id.slice(0, 8)}`;
}

function tooDifferent(hostname: string, from: Version, to: Version): NetRavenError {
  return new NetRavenError('INPUT_INVALID', `${hostname}: versions ${from.id} and ${to.id} differ too much to diff within ${DIFF_TIMEOUT_MS / 1000} s; compare them with \`netraven configs show\` and an external tool`);
}

// jsdiff starts with an "Index:"/"====" preamble; a plain unified diff starts at the file headers.
function withoutPreamble(patch: string): string {
  return patch.slice(patch.indexOf('--- '));
}

/** The unified diff from `from` to `to` (3 lines of context); empty when the contents are equal. */
export function unifiedDiff(hostname: string, from: Version, to: Version): string {
  if (from.contentHash === to.contentHash) return '';
  const patch = createTwoFilesPatch(label(hostname, from), label(hostname, to), from.content, to.content, from.retrievedAt.toISOString(), to.retrievedAt.toISOString(), {
    context: 3,
    timeout: DIFF_TIMEOUT_MS,
  });
  if (patch === undefined) throw tooDifferent(hostname, from, to);
  return withoutPreamble(patch);
}

/**
 * {@link unifiedDiff} in jsdiff's asynchronous mode: the diff works in steps between which the
 * event loop runs, so a console keeps answering keys while two large versions are compared
 * (only splitting the texts into lines runs in one go). INPUT_INVALID when over the time limit.
 */
export function unifiedDiffAsync(hostname: string, from: Version, to: Version): Promise<string> {
  if (from.contentHash === to.contentHash) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    createTwoFilesPatch(label(hostname, from), label(hostname, to), from.content, to.content, from.retrievedAt.toISOString(), to.retrievedAt.toISOString(), {
      context: 3,
      timeout: DIFF_TIMEOUT_MS,
      callback: (patch) => (patch === undefined ? reject(tooDifferent(hostname, from, to)) : resolve(withoutPreamble(patch))),
    });
  });
}
