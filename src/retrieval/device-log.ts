/** The job log lines of one device retrieval, kept in memory and written in one batch with the outcome. */
import type { LogLevel } from '../db/models/job-log.model.js';
import type { NewJobLog } from '../db/queries/append-job-logs.js';

/** Where a retrieval hands its finished log lines; they are written soon, in order (a JobLogWriter). */
export interface LogSink {
  add(entries: readonly NewJobLog[]): void;
}

/** Collects structured log lines for (job, device); nothing here may carry a secret. */
export class DeviceLog {
  readonly entries: NewJobLog[] = [];

  constructor(
    readonly jobId: string,
    readonly deviceId: string,
    readonly hostname: string,
  ) {}

  /** Adds one line; `step` names the stage (connect, authenticated, command, stored, unchanged, failed, done). */
  add(level: LogLevel, step: string, message: string, data: Record<string, unknown> = {}): void {
    this.entries.push({
      jobId: this.jobId,
      deviceId: this.deviceId,
      level,
      message: `${this.hostname}: ${message}`,
      data: { step, hostname: this.hostname, ...data },
      createdAt: new Date(),
    });
  }
}
