/** Retrieval from the console: queued for the daemons when one is alive, otherwise run in this process; and how far it is. */
import { isDaemonAlive } from '../daemon/daemon-liveness.js';
import type { DeviceFilter } from '../db/queries/device-filter.js';
import { sweepStatus } from '../db/queries/sweep-status.js';
import { NetRavenError } from '../errors.js';
import { credentialLogins } from '../retrieval/credential-logins.js';
import { queueSweep } from '../retrieval/queue-sweep.js';
import { loadRetrievalContext } from '../retrieval/retrieval-context.js';
import { describeTarget, type SweepTarget } from '../retrieval/select-devices.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import type { SweepHere } from './in-process-sweeps.js';
import { readSchedules } from './stale-rule.js';

/** Where a retrieval went: queued for the daemons, or running in this console's process. */
export interface RetrievalStarted {
  jobId: string;
  mode: 'queued' | 'in-process';
  /** Devices the target selected when it was started. */
  devices: number;
}

/** What the console asks to retrieve: a sweep target, or the enabled devices a device-list filter shows (`text` as typed). */
export type RetrievalTarget = Exclude<SweepTarget, { kind: 'filter' }> | { kind: 'filter'; filter: DeviceFilter; text: string };

/** How far a retrieval is: devices done of total, failures by class, the rate. */
export interface RetrievalProgress {
  jobId: string;
  description: string;
  /** The job's status: queued (waiting for a daemon), running, then how it ended. */
  status: string;
  total: number;
  done: number;
  failed: number;
  /** Failed devices by error code, most frequent first. */
  failuresByCode: Array<{ code: string; devices: number }>;
  /** Devices finished per second since it started (0 before). */
  ratePerSecond: number;
  finished: boolean;
}

export interface RetrievalActions {
  /**
   * Retrieves the target's devices, recorded as requested by the console's operator. With a
   * daemon alive (heartbeat within 30 s) the sweep is queued, else it runs here and this
   * resolves once its job exists. NOT_FOUND when the target selects no device.
   */
  retrieve(target: RetrievalTarget): Promise<RetrievalStarted>;
  /** How far a retrieval is: from memory while this process runs it, else from its job rows. JOB_NOT_FOUND when gone. */
  retrievalProgress(jobId: string): Promise<RetrievalProgress>;
  /** The sweeps running in this console's process (quitting asks first while there are any). */
  sweepsHere(): SweepHere[];
}

export const RETRIEVAL_ACTIONS: Record<keyof RetrievalActions, ActionClass> = {
  retrieve: 'operate',
  retrievalProgress: 'read',
  sweepsHere: 'read',
};

const byCount = (codes: Record<string, number>) =>
  Object.entries(codes)
    .map(([code, devices]) => ({ code, devices }))
    .sort((a, b) => b.devices - a.devices || a.code.localeCompare(b.code));

function fromMemory(sweep: SweepHere): RetrievalProgress {
  const p = sweep.progress;
  return {
    jobId: sweep.jobId,
    description: sweep.description,
    status: 'running',
    total: sweep.total,
    done: p?.done ?? 0,
    failed: p?.failed ?? 0,
    failuresByCode: byCount(p?.failuresByCode ?? {}),
    ratePerSecond: p?.ratePerSecond ?? 0,
    finished: false,
  };
}

export function retrievalActions(ctx: ConsoleContext): RetrievalActions {
  // The filter's stale rule is fixed when the operator asks: the sweep retrieves what was counted.
  const sweepTarget = async (target: RetrievalTarget): Promise<SweepTarget> =>
    target.kind === 'filter' ? { ...target, rule: (await readSchedules(ctx.knex, new Date())).rule } : target;
  return {
    async retrieve(requested) {
      const target = await sweepTarget(requested);
      if (await isDaemonAlive(ctx.knex)) {
        const { job, devices } = await queueSweep(ctx.knex, target, ctx.actor.name);
        return { jobId: job.id, mode: 'queued', devices };
      }
      const retrieval = await loadRetrievalContext(ctx.knex, credentialLogins(ctx.knex, ctx.keyring));
      const sweep = await ctx.sweeps.start(retrieval, target, { description: describeTarget(target), requestedBy: ctx.actor.name });
      return { jobId: sweep.jobId, mode: 'in-process', devices: sweep.total };
    },
    async retrievalProgress(jobId) {
      const here = ctx.sweeps.list().find((s) => s.jobId === jobId);
      if (here) return fromMemory(here);
      const status = await sweepStatus(ctx.knex, jobId);
      if (status === null) throw new NetRavenError('JOB_NOT_FOUND', `job ${jobId} no longer exists`, { details: { jobId } });
      const end = status.finishedAt ?? new Date();
      const seconds = status.startedAt ? (end.getTime() - status.startedAt.getTime()) / 1000 : 0;
      return {
        ...status,
        ratePerSecond: seconds > 0 ? status.done / seconds : 0,
        finished: !['queued', 'running'].includes(status.status),
      };
    },
    sweepsHere: () => ctx.sweeps.list(),
  };
}
