import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Tag } from './tag.model.js';

/** A login for devices; secrets are sealed bytes that name their key, never plaintext. */
export class Credential extends BaseModel {
  static override tableName = 'credentials';

  id!: string;
  name!: string;
  username!: string;
  secret!: Buffer;
  enableSecret!: Buffer | null;
  keyId!: string;
  priority!: number;
  successCount!: number;
  failureCount!: number;
  lastUsedAt!: Date | null;
  lastSuccessAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  tags?: Tag[];

  static override jsonSchema = {
    type: 'object',
    required: ['name', 'username', 'secret', 'keyId'],
    properties: {
      id: schema.uuid,
      name: { type: 'string', minLength: 1, maxLength: 200 },
      username: { type: 'string', minLength: 1, maxLength: 200 },
      keyId: { type: 'string', minLength: 1, maxLength: 100 },
      priority: { type: 'integer', minimum: 0, maximum: 10000 },
      successCount: schema.counter,
      failureCount: schema.counter,
    },
  };

  static override relationMappings = (): RelationMappings => ({
    tags: {
      relation: BaseModel.ManyToManyRelation,
      modelClass: Tag,
      join: { from: 'credentials.id', through: { from: 'credential_tags.credential_id', to: 'credential_tags.tag_id' }, to: 'tags.id' },
    },
  });
}
