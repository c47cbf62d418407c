/**
 * Advisory lock keys NetRaven takes, in one place so two features never share a key by
 * accident. Two-int form (namespace, key): the namespace keeps us clear of other applications
 * on a shared server. 0x4e524156 is "NRAV".
 */
export const LOCK_NAMESPACE = 0x4e524156;

// `db init` uses a single-bigint key of its own (src/db/init.ts), which never collides
// with these two-int keys.
export const LOCKS = {
  /** Job log inserts: ids become visible in id order, so "rows after id N" never skips one. */
  jobLogOrder: 1,
  /** The scheduler leader: held for as long as one daemon fires the schedules. */
  schedulerLeader: 2,
  /** Creating the system schedule definitions from settings. */
  systemSchedules: 3,
} as const;
