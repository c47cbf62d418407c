/** The result of retrieving one device: what the sweep counts, the CLI prints and the child job stores. */

export type OutcomeStatus = 'changed' | 'unchanged' | 'failed';

export interface DeviceOutcome {
  jobId: string;
  deviceId: string;
  hostname: string;
  status: OutcomeStatus;
  /** The new version when the configuration changed; null otherwise. */
  configurationId: string | null;
  contentHash: string | null;
  sizeBytes: number | null;
  /** Name of the credential that logged in (never its secret). */
  credential: string | null;
  errorCode: string | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
}

/** A failed outcome for a device whose retrieval could not even be attempted or recorded. */
export function failedOutcome(base: Pick<DeviceOutcome, 'jobId' | 'deviceId' | 'hostname' | 'startedAt'>, code: string, message: string): DeviceOutcome {
  const finishedAt = new Date();
  return {
    ...base,
    status: 'failed',
    configurationId: null,
    contentHash: null,
    sizeBytes: null,
    credential: null,
    errorCode: code,
    error: message,
    finishedAt,
    durationMs: finishedAt.getTime() - base.startedAt.getTime(),
  };
}
