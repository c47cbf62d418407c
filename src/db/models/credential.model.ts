import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Tag } from './tag.model.js';

/** A login for devices (a password or an SSH private key); secrets are sealed bytes that name their key, never plaintext. */
export class Credential extends BaseModel {
  static override tableName = 'credentials';

  id!: string;
  name!: string;
  username!: string;
  /** Sealed password; null for a key credential. */
  secret!: Buffer | null;
  enableSecret!: Buffer | null;
  /** Sealed OpenSSH/PEM private key; null for a password credential. */
  privateKey!: Buffer | null;
  keyPassphrase!: Buffer | null;
  /** Public: "<type> SHA256:<fingerprint>" of the key's public half. */
  keyFingerprint!: string | null;
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
    required: ['name', 'username', 'keyId'],
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
