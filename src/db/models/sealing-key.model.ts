import { BaseModel } from './base.model.js';

/** The states a sealing key goes through in this database: the active one seals, the others did. */
export const SEALING_KEY_STATES = ['active', 'retiring', 'retired'] as const;
export type SealingKeyState = (typeof SEALING_KEY_STATES)[number];

/**
 * A keyring key id this database's credentials have been sealed with (never the key itself):
 * how a database recognises its own keyring.
 */
export class SealingKey extends BaseModel {
  static override tableName = 'sealing_keys';
  static override idColumn = 'keyId';

  keyId!: string;
  state!: SealingKeyState;
  createdAt!: Date;
  updatedAt!: Date;

  static override jsonSchema = {
    type: 'object',
    required: ['keyId', 'state'],
    properties: {
      keyId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
      state: { type: 'string', enum: [...SEALING_KEY_STATES] },
    },
  };
}
