/**
 * The tags every NetRaven database starts with (seeded by `db init`, knex/seeds/02-default-tags.ts).
 * `default` is what a device added or imported without tags gets, so one credential tagged
 * `default` logs into all of them: a first-time operator adds one credential and retrieval works.
 */
export const DEFAULT_TAG = 'default';

export const DEFAULT_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  { name: DEFAULT_TAG, description: 'devices added or imported without tags; a credential tagged default applies to them' },
];
