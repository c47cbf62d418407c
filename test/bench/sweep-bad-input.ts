/** The sweep benchmark's bad-input scenario: 5 % hanging and 5 % login-refusing devices must not slow the others. */
import { setSetting } from '../../src/config/settings-store.js';
import { CONCURRENCY, enrolOnly, netravenRetrieve, type BenchSetup, type Fleet } from './sweep.bench.js';

const LOGIN_TIMEOUT_SECONDS = 5;

interface SweepShape {
  wallSeconds: number;
  goodMedianMs: number;
  goodP95Ms: number;
  failed: number;
}

/** The latest sweep's good devices (hostnames of the clean fleet): median and p95 of their own retrieval times. */
async function lastSweep(setup: BenchSetup, wallSeconds: number): Promise<SweepShape> {
  const { rows } = await setup.knex.raw<{ rows: Array<{ ms: number; hostname: string; status: string }> }>(
    `SELECT extract(epoch FROM c.finished_at - c.started_at) * 1000 AS ms, d.hostname, c.status
       FROM jobs c JOIN devices d ON d.id = c.device_id
      WHERE c.parent_job_id = (SELECT id FROM jobs WHERE parent_job_id IS NULL AND kind = 'retrieval' ORDER BY created_at DESC LIMIT 1)`,
  );
  const good = rows.filter((r) => r.hostname.includes('-sim-')).map((r) => Number(r.ms)).sort((a, b) => a - b);
  const at = (q: number) => good[Math.min(good.length - 1, Math.floor(q * good.length))] ?? NaN;
  return { wallSeconds, goodMedianMs: at(0.5), goodP95Ms: at(0.95), failed: rows.filter((r) => r.status === 'failed').length };
}

/**
 * Clean fleet of n devices, then the same n plus 5 % hanging (each costs retrieval.login_timeout_seconds, set to 5 s
 * here) and 5 % refusing every login. The good devices' own times must stay the same, and the mixed sweep's wall
 * time must stay within the clean one plus the slot time of the bad ones (hanging × timeout / concurrency).
 */
export async function badInputScenario(setup: BenchSetup, fleet: Fleet, n: number): Promise<void> {
  await setSetting(setup.knex, 'retrieval.login_timeout_seconds', LOGIN_TIMEOUT_SECONDS);
  const good = fleet.devices.slice(0, n);
  const report = (label: string, s: SweepShape) =>
    console.log(`${label.padEnd(34)} wall ${s.wallSeconds.toFixed(2)} s; good devices: median ${s.goodMedianMs.toFixed(0)} ms, p95 ${s.goodP95Ms.toFixed(0)} ms; failed ${s.failed}`);
  await enrolOnly(setup.knex, 'clean', good);
  await netravenRetrieve(setup);
  const clean = await lastSweep(setup, (await netravenRetrieve(setup)).wallSeconds);
  await enrolOnly(setup.knex, 'mixed', [...good, ...fleet.hanging, ...fleet.refusing]);
  await netravenRetrieve(setup);
  const mixed = await lastSweep(setup, (await netravenRetrieve(setup)).wallSeconds);
  const expected = clean.wallSeconds + (fleet.hanging.length * LOGIN_TIMEOUT_SECONDS) / CONCURRENCY;
  console.log(`bad input: ${n} good devices + ${fleet.hanging.length} hanging after login + ${fleet.refusing.length} refusing every login; login timeout ${LOGIN_TIMEOUT_SECONDS} s; nightly (second) sweeps`);
  report('clean fleet', clean);
  report('with hanging and refusing devices', mixed);
  console.log(`expected wall with the bad devices costing only their slots: ≤ ${expected.toFixed(2)} s (clean + ${fleet.hanging.length} × ${LOGIN_TIMEOUT_SECONDS} s / ${CONCURRENCY})`);
}
