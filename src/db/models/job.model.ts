import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Device } from './device.model.js';
import { JobLog } from './job-log.model.js';

export const JOB_KINDS = ['retrieval', 'key_rotation', 'purge', 'change'] as const;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'partially_succeeded', 'failed', 'cancelled'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Work to do: a retrieval sweep, a device of a sweep (child job), a key rotation, a purge; or a schedule that fires them; or the record of an operator's change (kind change, born finished). */
export class Job extends BaseModel {
  static override tableName = 'jobs';

  id!: string;
  kind!: JobKind;
  status!: JobStatus;
  parentJobId!: string | null;
  deviceId!: string | null;
  target!: Record<string, unknown>;
  schedule!: string | null;
  scheduledFor!: Date | null;
  requestedBy!: string | null;
  progressTotal!: number;
  progressDone!: number;
  progressFailed!: number;
  attempts!: number;
  cancelRequested!: boolean;
  errorCode!: string | null;
  error!: string | null;
  runAt!: Date;
  leaseOwner!: string | null;
  leaseExpiresAt!: Date | null;
  createdAt!: Date;
  startedAt!: Date | null;
  finishedAt!: Date | null;
  updatedAt!: Date;
  logs?: JobLog[];
  children?: Job[];
  parent?: Job | null;
  device?: Device | null;

  static override jsonSchema = {
    type: 'object',
    required: ['kind'],
    properties: {
      id: schema.uuid,
      kind: { type: 'string', enum: [...JOB_KINDS] },
      status: { type: 'string', enum: [...JOB_STATUSES] },
      parentJobId: schema.nullableUuid,
      deviceId: schema.nullableUuid,
      target: { type: 'object' },
      schedule: schema.nullableText,
      requestedBy: schema.nullableText,
      progressTotal: schema.counter,
      progressDone: schema.counter,
      progressFailed: schema.counter,
      attempts: schema.counter,
      cancelRequested: { type: 'boolean' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    logs: {
      relation: BaseModel.HasManyRelation,
      modelClass: JobLog,
      join: { from: 'jobs.id', to: 'job_logs.job_id' },
    },
    children: {
      relation: BaseModel.HasManyRelation,
      modelClass: Job,
      join: { from: 'jobs.id', to: 'jobs.parent_job_id' },
    },
    parent: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Job,
      join: { from: 'jobs.parent_job_id', to: 'jobs.id' },
    },
    device: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Device,
      join: { from: 'jobs.device_id', to: 'devices.id' },
    },
  });
}
