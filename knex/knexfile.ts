import type { Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';

// For the knex CLI (`npx knex --knexfile knex/knexfile.ts migrate:status`) against DATABASE_URL.
// NetRaven itself runs `netraven db init`, which also applies knex/init/*.sql and the seeds.
const config: Knex.Config = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  migrations: { directory: './migrations', loadExtensions: ['.ts'] },
  seeds: { directory: './seeds', loadExtensions: ['.ts'] },
  ...knexSnakeCaseMappers(),
};

export default config;
