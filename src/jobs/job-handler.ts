import type { Knex } from 'knex';
import type { NewJobLog } from '../db/queries/append-job-logs.js';
import type { ClaimedJob } from '../db/queries/claim-jobs.js';
import type { JobKind } from '../db/models/job.model.js';
import type { LogLevel } from '../db/models/job-log.model.js';
import { NetRavenError } from '../errors.js';
import type { FinalOutcome } from './job-completion.js';

/** How a handler's run ended; the worker stores it on the job. */
export type JobOutcome =
  | FinalOutcome
  /** The handler handed its work to child jobs in the same transaction; the last child finishes it. */
  | { status: 'delegated' }
  /** The handler stored the job's final status itself (a device retrieval records it with the device). */
  | { status: 'recorded' }
  /** This worker cannot run it (its keyring cannot open credentials): back to the queue for another worker, no attempt counted. */
  | { status: 'released'; reason: string };

/** What a handler gets for one claimed job. */
export interface JobContext {
  job: ClaimedJob;
  db: Knex;
  /** The worker holding the lease: a transaction that changes the job must check it. */
  workerId: string;
  /** Aborted when the lease is lost or the shutdown deadline passed: stop as soon as possible. */
  signal: AbortSignal;
  /** True once someone asked to cancel this job (learnt through the heartbeat). */
  cancelRequested(): boolean;
  /** Appends a line to the job's log (batched); device lines carry the device id. */
  log(level: LogLevel, message: string, data?: Record<string, unknown>, deviceId?: string | null): void;
  /** Hands ready-made rows (a device retrieval's lines) to the same batched writer, in order. */
  writeLogs(rows: readonly NewJobLog[]): void;
}

/** Runs one claimed job of its kind. Throwing fails the job with the error's code and message. */
export type JobHandler = (context: JobContext) => Promise<JobOutcome>;

/** Kind → handler: what a worker can run. Only registered kinds are claimed. */
export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  /** Registers (or replaces) the handler of a kind. */
  register(kind: JobKind, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** The kinds a worker with this registry claims. */
  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /** The handler of a kind; INTERNAL when a claimed job has none (it was claimed by kind, so this is a bug). */
  get(kind: string): JobHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new NetRavenError('INTERNAL', `no handler registered for job kind "${kind}"`);
    return handler;
  }
}
