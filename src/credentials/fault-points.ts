/**
 * Crash injection for the rotation tests: NETRAVEN_TEST_FAULT=<point>[:<nth>] makes this
 * process SIGKILL itself the nth time it reaches <point>. A kill cannot be caught, so the
 * tests see exactly what a power cut or OOM kill would leave behind.
 */
const hits = new Map<string, number>();

/** Kills the process here when NETRAVEN_TEST_FAULT names this point (and hit count). */
export function faultPoint(name: string): void {
  const spec = process.env.NETRAVEN_TEST_FAULT;
  if (!spec) return;
  const [point, nth = '1'] = spec.split(':');
  if (point !== name) return;
  const count = (hits.get(name) ?? 0) + 1;
  hits.set(name, count);
  if (count === Number(nth)) process.kill(process.pid, 'SIGKILL');
}
