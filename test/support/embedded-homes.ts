import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { runningPort } from '../../src/db/embedded/embedded-server.js';

/**
 * Scratch NETRAVEN_HOMEs for tests of the embedded PostgreSQL. After each test, a postmaster
 * still running in one is stopped (SIGQUIT: immediate) and every home is deleted.
 */
export function useEmbeddedHomes(): { newHome(): string } {
  const homes: string[] = [];
  afterEach(async () => {
    for (const home of homes.splice(0)) {
      const dataDir = path.join(home, 'postgres');
      if (runningPort(dataDir) !== undefined) {
        const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        process.kill(pid, 'SIGQUIT');
        for (let i = 0; i < 100 && runningPort(dataDir) !== undefined; i++) await new Promise((r) => setTimeout(r, 50));
      }
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
  return {
    /** A new empty folder (0711, so the postgres user can pass when we are root). */
    newHome() {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-home-'));
      fs.chmodSync(home, 0o711);
      homes.push(home);
      return home;
    },
  };
}
