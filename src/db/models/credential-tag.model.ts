import type { RelationMappings } from 'objection';
import { BaseModel, schema } from './base.model.js';
import { Credential } from './credential.model.js';
import { Tag } from './tag.model.js';

/** The link between a credential and a tag. */
export class CredentialTag extends BaseModel {
  static override tableName = 'credential_tags';
  static override idColumn = ['credentialId', 'tagId'];

  credentialId!: string;
  tagId!: string;
  createdAt!: Date;

  static override jsonSchema = {
    type: 'object',
    required: ['credentialId', 'tagId'],
    properties: { credentialId: schema.uuid, tagId: schema.uuid },
  };

  static override relationMappings = (): RelationMappings => ({
    credential: { relation: BaseModel.BelongsToOneRelation, modelClass: Credential, join: { from: 'credential_tags.credential_id', to: 'credentials.id' } },
    tag: { relation: BaseModel.BelongsToOneRelation, modelClass: Tag, join: { from: 'credential_tags.tag_id', to: 'tags.id' } },
  });
}
