import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Credential } from './credential.model.js';
import { DeviceConfiguration } from './device-configuration.model.js';
import { Tag } from './tag.model.js';

/** A router, switch or firewall NetRaven logs into. */
export class Device extends BaseModel {
  static override tableName = 'devices';

  id!: string;
  hostname!: string;
  ipAddress!: string;
  port!: number;
  deviceType!: string;
  vendor!: string | null;
  model!: string | null;
  osVersion!: string | null;
  serial!: string | null;
  description!: string | null;
  enabled!: boolean;
  /** Per-device SSH settings: algorithm overrides and an optional jump host. */
  sshOptions!: Record<string, unknown>;
  lastRetrievalAt!: Date | null;
  lastRetrievalStatus!: 'changed' | 'unchanged' | 'failed' | null;
  lastRetrievalErrorCode!: string | null;
  lastRetrievalError!: string | null;
  lastGoodCredentialId!: string | null;
  hostKeyFingerprint!: string | null;
  /** The host key the device presented at its last HOST_KEY_MISMATCH, until accepted or a retrieval succeeds. */
  presentedHostKeyFingerprint!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  tags?: Tag[];
  configurations?: DeviceConfiguration[];
  lastGoodCredential?: Credential | null;

  static override jsonSchema = {
    type: 'object',
    required: ['hostname', 'ipAddress', 'deviceType'],
    properties: {
      id: schema.uuid,
      hostname: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$' },
      ipAddress: { type: 'string', minLength: 2, maxLength: 64 },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
      deviceType: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,63}$' },
      vendor: schema.nullableText,
      model: schema.nullableText,
      osVersion: schema.nullableText,
      serial: schema.nullableText,
      description: schema.nullableText,
      enabled: { type: 'boolean' },
      sshOptions: { type: 'object' },
      lastRetrievalStatus: { type: ['string', 'null'], enum: ['changed', 'unchanged', 'failed', null] },
      lastGoodCredentialId: schema.nullableUuid,
      hostKeyFingerprint: schema.nullableText,
      presentedHostKeyFingerprint: schema.nullableText,
    },
  };

  static override relationMappings = (): RelationMappings => ({
    tags: {
      relation: BaseModel.ManyToManyRelation,
      modelClass: Tag,
      join: { from: 'devices.id', through: { from: 'device_tags.device_id', to: 'device_tags.tag_id' }, to: 'tags.id' },
    },
    configurations: {
      relation: BaseModel.HasManyRelation,
      modelClass: DeviceConfiguration,
      join: { from: 'devices.id', to: 'device_configurations.device_id' },
    },
    lastGoodCredential: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Credential,
      join: { from: 'devices.last_good_credential_id', to: 'credentials.id' },
    },
  });
}
