import { Model, type JSONSchema } from 'objection';

/**
 * Every NetRaven model: uuid ids and timestamps are made by the database (defaults and
 * the updated_at trigger); snake_case ↔ camelCase is done by knexSnakeCaseMappers on the
 * knex instance, so models speak camelCase only.
 */
export class BaseModel extends Model {
  static override useLimitInFirst = true;

  /** Ids and timestamps come back from PostgreSQL; never send them on insert. */
  override $beforeInsert(): void {
    const self = this as unknown as Record<string, unknown>;
    for (const key of ['createdAt', 'updatedAt']) if (self[key] === undefined) delete self[key];
  }
}

/** jsonSchema fragments shared by the models. */
export const schema: Record<'uuid' | 'nullableUuid' | 'text' | 'nullableText' | 'counter', JSONSchema> = {
  uuid: { type: 'string', format: 'uuid' },
  nullableUuid: { type: ['string', 'null'], format: 'uuid' },
  text: { type: 'string' },
  nullableText: { type: ['string', 'null'] },
  counter: { type: 'integer', minimum: 0 },
};
