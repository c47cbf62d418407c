import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Device } from './device.model.js';
import { Job } from './job.model.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One line of a job's log; ids grow, so "everything after id N" is how followers tail. */
export class JobLog extends BaseModel {
  static override tableName = 'job_logs';

  /** bigint: pg returns it as a string so no precision is lost. */
  id!: string;
  jobId!: string;
  deviceId!: string | null;
  level!: LogLevel;
  message!: string;
  data!: Record<string, unknown>;
  createdAt!: Date;
  job?: Job;
  device?: Device | null;

  static override jsonSchema = {
    type: 'object',
    required: ['jobId', 'message'],
    properties: {
      jobId: schema.uuid,
      deviceId: schema.nullableUuid,
      level: { type: 'string', enum: [...LOG_LEVELS] },
      message: schema.text,
      data: { type: 'object' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    job: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Job,
      join: { from: 'job_logs.job_id', to: 'jobs.id' },
    },
    device: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Device,
      join: { from: 'job_logs.device_id', to: 'devices.id' },
    },
  });
}
