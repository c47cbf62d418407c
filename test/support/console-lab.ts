/**
 * A small lab for console screen tests: simulated devices in the inventory with a credential,
 * and sweeps run by the real retrieval service, so jobs, job logs and configurations are what
 * the services write (not rows made up by the test).
 */
import type { Knex } from 'knex';
import type { RetrievalContext } from '../../src/retrieval/retrieval-context.js';
import type { SweepTarget } from '../../src/retrieval/select-devices.js';
import { runSweep, type SweepResult } from '../../src/retrieval/sweep.js';
import { startSimulatedFleet, type SimulatedFleet } from './device-simulator/index.js';
import { createTestLogins } from './logins.js';
import { addSimulated, testContext } from './retrieval.js';

export interface Lab {
  fleet: SimulatedFleet;
  ctx: RetrievalContext;
  /** Runs a sweep in this process as `requestedBy` (what the jobs screen shows). */
  sweep(target: SweepTarget, options?: { requestedBy?: string; signal?: AbortSignal; onJobCreated?: (jobId: string) => void }): Promise<SweepResult>;
  close(): Promise<void>;
}

/**
 * Starts `devices` simulated Arista switches named `<prefix>-0001…`, tagged `lab` (the even
 * ones also `even`), with one credential for the tag. `latencyMs` slows every reply (a sweep
 * that is still running while a test looks at it).
 */
export async function startLab(knex: Knex, options: { devices: number; prefix: string; latencyMs?: number; concurrency?: number }): Promise<Lab> {
  const logins = createTestLogins(knex);
  await logins.add({ name: `${options.prefix}-cred`, username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] }).catch((err: unknown) => {
    if ((err as { code?: string }).code !== 'ALREADY_EXISTS') throw err;
  });
  const fleet = await startSimulatedFleet(options.devices, { driver: 'arista_eos', enableSecret: 'enable-pass', hostnamePrefix: options.prefix, latencyMs: options.latencyMs ?? 0 });
  for (const [i, device] of fleet.devices.entries()) await addSimulated(knex, device, device.hostname, i % 2 === 0 ? ['lab', 'even'] : ['lab']);
  const ctx = testContext(knex, logins.source, { concurrency: options.concurrency ?? 4, logFlushMs: 20 });
  return {
    fleet,
    ctx,
    sweep: (target, sweepOptions = {}) =>
      runSweep(ctx, { target, requestedBy: sweepOptions.requestedBy ?? 'tester@lab', signal: sweepOptions.signal, heartbeatMs: 100, onJobCreated: sweepOptions.onJobCreated }),
    close: () => fleet.close(),
  };
}
