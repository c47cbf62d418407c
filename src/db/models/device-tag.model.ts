import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Device } from './device.model.js';
import { Tag } from './tag.model.js';

/** The link between a device and a tag. */
export class DeviceTag extends BaseModel {
  static override tableName = 'device_tags';
  static override idColumn = ['deviceId', 'tagId'];

  deviceId!: string;
  tagId!: string;
  createdAt!: Date;

  static override jsonSchema = {
    type: 'object',
    required: ['deviceId', 'tagId'],
    properties: { deviceId: schema.uuid, tagId: schema.uuid },
  };

  static override relationMappings = (): RelationMappings => ({
    device: { relation: BaseModel.BelongsToOneRelation, modelClass: Device, join: { from: 'device_tags.device_id', to: 'devices.id' } },
    tag: { relation: BaseModel.BelongsToOneRelation, modelClass: Tag, join: { from: 'device_tags.tag_id', to: 'tags.id' } },
  });
}
