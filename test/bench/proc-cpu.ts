/** CPU seconds of other processes on this machine (Linux /proc), to show where a benchmark's time went. */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

function stat(pid: string): { comm: string; seconds: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 (1-based) of the whole line, 12-15 after "pid (comm) ".
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
    return { comm, seconds: ticks / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU seconds of one process (with its reaped children), or NaN when it cannot be read. */
export function processCpuSeconds(pid: number): number {
  return stat(String(pid))?.seconds ?? NaN;
}

/**
 * CPU seconds of every PostgreSQL process: live backends plus the postmaster's reaped children
 * (a backend's time moves to the postmaster when it exits), so differences are meaningful.
 */
export function postgresCpuSeconds(): number {
  if (!fs.existsSync('/proc/self/stat')) return NaN;
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const info = stat(pid);
    if (info?.comm === 'postgres') total += info.seconds;
  }
  return total;
}
