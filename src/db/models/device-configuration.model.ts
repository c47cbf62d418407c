import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Device } from './device.model.js';
import { Job } from './job.model.js';

/** One stored configuration version of a device; a new row only when the content changed. */
export class DeviceConfiguration extends BaseModel {
  static override tableName = 'device_configurations';

  id!: string;
  deviceId!: string;
  jobId!: string | null;
  retrievedAt!: Date;
  content!: string;
  contentHash!: string;
  sizeBytes!: number;
  metadata!: Record<string, unknown>;
  device?: Device;
  job?: Job | null;

  static override jsonSchema = {
    type: 'object',
    required: ['deviceId', 'content', 'contentHash', 'sizeBytes'],
    properties: {
      id: schema.uuid,
      deviceId: schema.uuid,
      jobId: schema.nullableUuid,
      content: schema.text,
      contentHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      sizeBytes: schema.counter,
      metadata: { type: 'object' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    device: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Device,
      join: { from: 'device_configurations.device_id', to: 'devices.id' },
    },
    job: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Job,
      join: { from: 'device_configurations.job_id', to: 'jobs.id' },
    },
  });
}
