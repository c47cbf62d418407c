/** Logins for retrieval tests: credentials added here are what the device sweep tries. */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { DeviceLogin } from '../../src/devices/fetch-configuration.js';
import { NetRavenError } from '../../src/errors.js';
import type { LoginCandidate, LoginSource } from '../../src/retrieval/login-source.js';

export interface TestCredential {
  name: string;
  username: string;
  password: string;
  enableSecret?: string;
  tags: string[];
  priority?: number;
}

export interface TestLogins {
  source: LoginSource;
  add(credential: TestCredential): Promise<string>;
  /** Candidate names in the order the source returned them on each call, per device. */
  readonly asked: string[][];
}

/** An in-memory credential store (interim until the real one is merged): tags come from the database. */
export function createTestLogins(knex: Knex): TestLogins {
  const byId = new Map<string, TestCredential & { id: string }>();
  const lastGood = new Map<string, string>();
  const asked: string[][] = [];
  const login = (c: TestCredential): DeviceLogin => ({ username: c.username, password: c.password, enableSecret: c.enableSecret });
  const source: LoginSource = {
    async candidates(deviceId) {
      const rows = (await knex('device_tags').join('tags', 'tags.id', 'device_tags.tag_id').where({ deviceId }).select('tags.name')) as Array<{ name: string }>;
      const tags = new Set(rows.map((r) => r.name.toLowerCase()));
      const list = [...byId.values()]
        .filter((c) => c.tags.some((t) => tags.has(t.toLowerCase())))
        .sort((a, b) => Number(lastGood.get(deviceId) === b.id) - Number(lastGood.get(deviceId) === a.id) || (a.priority ?? 100) - (b.priority ?? 100) || a.name.localeCompare(b.name));
      asked.push(list.map((c) => c.name));
      return list.map(({ id, name, username }): LoginCandidate => ({ id, name, username }));
    },
    async open(candidate) {
      return login(byId.get(candidate.id)!);
    },
    async openByName(name) {
      const found = [...byId.values()].find((c) => c.name === name);
      if (found === undefined) throw new NetRavenError('CREDENTIAL_NOT_FOUND', `no credential named ${name}`);
      return login(found);
    },
    async record(candidateId, deviceId, accepted) {
      if (accepted) lastGood.set(deviceId, candidateId);
      else if (lastGood.get(deviceId) === candidateId) lastGood.delete(deviceId);
    },
  };
  return {
    source,
    asked,
    async add(credential) {
      const id = randomUUID();
      byId.set(id, { ...credential, id });
      return id;
    },
  };
}
