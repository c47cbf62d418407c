import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Credential } from './credential.model.js';
import { Device } from './device.model.js';

/** A label shared by devices and credentials: a credential applies to devices with a common tag. */
export class Tag extends BaseModel {
  static override tableName = 'tags';

  id!: string;
  name!: string;
  description!: string | null;
  colour!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  devices?: Device[];
  credentials?: Credential[];

  static override jsonSchema = {
    type: 'object',
    required: ['name'],
    properties: {
      id: schema.uuid,
      name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$' },
      description: schema.nullableText,
      colour: { type: ['string', 'null'], pattern: '^#[0-9a-fA-F]{6}$' },
    },
  };

  static override relationMappings = (): RelationMappings => ({
    devices: {
      relation: BaseModel.ManyToManyRelation,
      modelClass: Device,
      join: { from: 'tags.id', through: { from: 'device_tags.tag_id', to: 'device_tags.device_id' }, to: 'devices.id' },
    },
    credentials: {
      relation: BaseModel.ManyToManyRelation,
      modelClass: Credential,
      join: { from: 'tags.id', through: { from: 'credential_tags.tag_id', to: 'credential_tags.credential_id' }, to: 'credentials.id' },
    },
  });
}
