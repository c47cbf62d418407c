/** The jobs screen's filter as typed: words naming statuses and kinds (no Ink, no SQL). */
import { JOB_KINDS, JOB_STATUSES, type JobKind, type JobStatus } from '../db/models/job.model.js';
import type { JobListFilter } from '../db/queries/top-level-jobs.js';

export type ParsedJobFilter = { filter: JobListFilter } | { problem: string };

/** Words an operator may use besides the statuses and kinds themselves. */
const ALIASES: Record<string, { statuses?: JobStatus[]; kinds?: JobKind[] }> = {
  active: { statuses: ['queued', 'running'] },
  finished: { statuses: ['succeeded', 'partially_succeeded', 'failed', 'cancelled'] },
  partial: { statuses: ['partially_succeeded'] },
  rotation: { kinds: ['key_rotation'] },
  sweep: { kinds: ['retrieval'] },
};

/**
 * `running retrieval`, `status:failed kind:purge`, `active`: each word (an optional `status:` or
 * `kind:` before it) names a status, a kind or an alias; statuses are ORed, kinds are ORed,
 * and both must hold. An unknown word is a problem naming the words that exist.
 */
export function parseJobFilter(text: string): ParsedJobFilter {
  const statuses = new Set<JobStatus>();
  const kinds = new Set<JobKind>();
  for (const raw of text.trim().toLowerCase().split(/\s+/).filter(Boolean)) {
    const word = raw.replace(/^(status|kind):/, '');
    if ((JOB_STATUSES as readonly string[]).includes(word)) statuses.add(word as JobStatus);
    else if ((JOB_KINDS as readonly string[]).includes(word)) kinds.add(word as JobKind);
    else if (Object.hasOwn(ALIASES, word)) {
      for (const s of ALIASES[word]!.statuses ?? []) statuses.add(s);
      for (const k of ALIASES[word]!.kinds ?? []) kinds.add(k);
    } else {
      const known = [...JOB_STATUSES, ...JOB_KINDS, ...Object.keys(ALIASES)].join(' ');
      return { problem: `not a status or kind: "${raw.slice(0, 30)}" (use ${known})` };
    }
  }
  return { filter: { statuses: [...statuses], kinds: [...kinds] } };
}
