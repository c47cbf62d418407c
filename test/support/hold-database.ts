// A NetRaven process that keeps the database open until it is signalled: lets tests run a
// second process against the same NETRAVEN_HOME and check shutdown on SIGINT/SIGTERM.
import { installSignalHandlers, onShutdown } from '../../src/cli/shutdown.js';
import { openDatabase } from '../../src/db/connection.js';

installSignalHandlers();
const db = await openDatabase();
onShutdown(() => db.close());
await db.knex.raw('SELECT 1');
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
