/** Rows for console tests, written straight to the test database (devices in every state, jobs, failures). */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { lineChanges } from '../../src/retrieval/configs/line-changes.js';

/** Hostile text as a device or a careless import could store it: OSC 52 (clipboard), CSI cursor moves, U+202E. */
export const HOSTILE = {
  osc52: '\x1b]52;c;ZWNobyBwd25lZA==\x07',
  cursor: '\x1b[2J\x1b[H\x1b[31m',
  rtl: '\u202E',
};

export interface SeededDevice {
  hostname: string;
  status?: 'changed' | 'unchanged' | 'failed' | null;
  code?: string | null;
  error?: string | null;
  /** Days since the last retrieval (null: never). */
  daysAgo?: number | null;
  enabled?: boolean;
  tags?: string[];
}

let address = 1;

/** Inserts devices; returns hostname → id. */
export async function seedDevices(knex: Knex, devices: SeededDevice[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const d of devices) {
    const [row] = (await knex('devices')
      .insert({
        hostname: d.hostname,
        ipAddress: `198.51.100.${address++ % 250}`,
        deviceType: 'cisco_ios',
        enabled: d.enabled ?? true,
        lastRetrievalStatus: d.status ?? null,
        lastRetrievalErrorCode: d.code ?? null,
        lastRetrievalError: d.error ?? null,
        lastRetrievalAt: d.daysAgo === null || d.daysAgo === undefined ? null : knex.raw(`now() - make_interval(secs => ?)`, [d.daysAgo * 86_400]),
      })
      .returning('id')) as Array<{ id: string }>;
    ids.set(d.hostname, row!.id);
    for (const tag of d.tags ?? []) {
      const [t] = (await knex('tags').insert({ name: tag }).onConflict(knex.raw('(lower(name))')).merge().returning('id')) as Array<{ id: string }>;
      await knex('device_tags').insert({ deviceId: row!.id, tagId: t!.id });
    }
  }
  return ids;
}

/** A top-level sweep job. */
export async function seedSweep(knex: Knex, sweep: { status: string; total: number; done: number; failed: number; description: string; requestedBy?: string; minutesAgo?: number }): Promise<string> {
  const finished = !['queued', 'running'].includes(sweep.status);
  const [row] = (await knex('jobs')
    .insert({
      kind: 'retrieval',
      status: sweep.status,
      target: { kind: 'all', description: sweep.description },
      requestedBy: sweep.requestedBy ?? 'tester@test',
      progressTotal: sweep.total,
      progressDone: sweep.done,
      progressFailed: sweep.failed,
      createdAt: knex.raw(`now() - make_interval(mins => ?)`, [sweep.minutesAgo ?? 0]),
      startedAt: knex.raw(`now() - make_interval(mins => ?)`, [sweep.minutesAgo ?? 0]),
      finishedAt: finished ? knex.fn.now() : null,
    })
    .returning('id')) as Array<{ id: string }>;
  return row!.id;
}

/** A failed device job under a sweep. */
export async function seedFailure(knex: Knex, parentId: string, deviceId: string, code: string, error: string): Promise<void> {
  await knex('jobs').insert({ kind: 'retrieval', status: 'failed', parentJobId: parentId, deviceId, target: {}, errorCode: code, error, progressTotal: 1, progressDone: 1, progressFailed: 1, finishedAt: knex.fn.now() });
}

/**
 * Stores configuration versions of a device, oldest first, an hour apart (the last one now),
 * each recording its lines changed against the one before as a retrieval does; returns their ids.
 */
export async function seedVersions(knex: Knex, deviceId: string, contents: string[], options: { jobId?: string } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, content] of contents.entries()) {
    const previous = contents[i - 1];
    const metadata = { lineChanges: previous === undefined ? null : await lineChanges(previous, content) };
    const [row] = (await knex('device_configurations')
      .insert({
        deviceId,
        jobId: options.jobId ?? null,
        content,
        contentHash: createHash('sha256').update(content).digest('hex'),
        sizeBytes: Buffer.byteLength(content),
        metadata,
        retrievedAt: knex.raw('now() - make_interval(hours => ?)', [contents.length - 1 - i]),
      })
      .returning('id')) as Array<{ id: string }>;
    ids.push(row!.id);
  }
  return ids;
}
