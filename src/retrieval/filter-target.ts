/** A queued sweep's `filter` target as stored in jobs.target, checked before a daemon acts on it. */
import { z } from 'zod';
import { FILTER_STATUSES } from '../db/queries/device-filter.js';
import { NetRavenError } from '../errors.js';
import type { SweepTarget } from './select-devices.js';

const words = z.array(z.string().min(1).max(253)).max(32);
const schema = z.object({
  kind: z.literal('filter'),
  text: z.string().max(10_000),
  filter: z.object({ prefixes: words, networks: words, tags: words, types: words, statuses: z.array(z.enum(FILTER_STATUSES)).max(4) }),
  rule: z.object({
    allDevicesSeconds: z.number().positive().nullable(),
    tagSeconds: z.array(z.object({ tag: z.string().min(1).max(64), seconds: z.number().positive() })).max(10_000),
  }),
});

/**
 * The filter target of a job row. INPUT_INVALID when it is malformed: a damaged row must fail
 * its job, never fall back to retrieving every device.
 */
export function parseFilterTarget(target: Record<string, unknown>): Extract<SweepTarget, { kind: 'filter' }> {
  const parsed = schema.safeParse(target);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NetRavenError('INPUT_INVALID', `the job's filter target is malformed (${issue.path.join('.') || 'target'}: ${issue.message}); start the retrieval again from the console`);
  }
  const { text, filter, rule } = parsed.data;
  return { kind: 'filter', text, filter, rule };
}
