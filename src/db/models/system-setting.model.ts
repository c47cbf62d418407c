import { BaseModel } from './base.model.js';

/** One operator-tunable setting (its rule lives in src/config/settings.ts), or one of NetRaven's internal records (key prefix `internal.`, never shown as a setting). */
export class SystemSetting extends BaseModel {
  static override tableName = 'system_settings';
  static override idColumn = 'key';

  key!: string;
  value!: unknown;
  description!: string | null;
  updatedAt!: Date;

  static override jsonSchema = {
    type: 'object',
    required: ['key', 'value'],
    properties: {
      key: { type: 'string', pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$' },
      description: { type: ['string', 'null'] },
    },
  };
}
