// A rotation in a child process, for the crash tests: NETRAVEN_TEST_FAULT makes it SIGKILL
// itself at a named point. Prints the result as JSON when it gets to the end.
import { createKnex } from '../../src/db/connection.js';
import { rotateKeys } from '../../src/credentials/key-rotation.js';
import { keyringFromEnvironment } from '../../src/credentials/keyring-source.js';

const knex = createKnex(process.env.DATABASE_URL!, 3);
try {
  const result = await rotateKeys({ knex, keyring: keyringFromEnvironment(), batchSize: Number(process.env.BATCH_SIZE ?? 500), requestedBy: 'crash-test' });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await knex.destroy();
}
