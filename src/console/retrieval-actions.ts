/** Retrieval from the console: queued for the daemons when one is alive, otherwise run in this process. */
import { isDaemonAlive } from '../daemon/daemon-liveness.js';
import { credentialLogins } from '../retrieval/credential-logins.js';
import { queueSweep } from '../retrieval/queue-sweep.js';
import { loadRetrievalContext } from '../retrieval/retrieval-context.js';
import { describeTarget, type SweepTarget } from '../retrieval/select-devices.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import type { SweepHere } from './in-process-sweeps.js';

/** Where a retrieval went: queued for the daemons, or running in this console's process. */
export interface RetrievalStarted {
  jobId: string;
  mode: 'queued' | 'in-process';
  /** Devices the target selected when it was started. */
  devices: number;
}

export interface RetrievalActions {
  /**
   * Retrieves the target's devices, recorded as requested by the console's operator. With a
   * daemon alive (heartbeat within 30 s) the sweep is queued, else it runs here and this
   * resolves once its job exists. NOT_FOUND when the target selects no device.
   */
  retrieve(target: SweepTarget): Promise<RetrievalStarted>;
  /** The sweeps running in this console's process (quitting asks first while there are any). */
  sweepsHere(): SweepHere[];
}

export const RETRIEVAL_ACTIONS: Record<keyof RetrievalActions, ActionClass> = {
  retrieve: 'operate',
  sweepsHere: 'read',
};

export function retrievalActions(ctx: ConsoleContext): RetrievalActions {
  return {
    async retrieve(target) {
      if (await isDaemonAlive(ctx.knex)) {
        const { job, devices } = await queueSweep(ctx.knex, target, ctx.actor.name);
        return { jobId: job.id, mode: 'queued', devices };
      }
      const retrieval = await loadRetrievalContext(ctx.knex, credentialLogins(ctx.knex, ctx.keyring));
      const sweep = await ctx.sweeps.start(retrieval, target, { description: describeTarget(target), requestedBy: ctx.actor.name });
      return { jobId: sweep.jobId, mode: 'in-process', devices: sweep.total };
    },
    sweepsHere: () => ctx.sweeps.list(),
  };
}
