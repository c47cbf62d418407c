import { EventEmitter } from 'node:events';
import { LOCK_NAMESPACE } from '../db/advisory-locks.js';
import type { ControlConnection } from '../db/control-connection.js';

export interface LeaderLockEvents {
  elected: [];
  deposed: [reason: string];
}

/**
 * Leadership as a session advisory lock on the control connection: whoever holds it is the
 * leader; the others try again every pollMs. PostgreSQL releases the lock when the leader's
 * session ends (process killed, host gone: keepalives end it within seconds), so a follower
 * takes over within about pollMs of that. A leader whose connection drops steps down at once:
 * the lock went with the session, and another daemon may already hold it.
 */
export class LeaderLock extends EventEmitter<LeaderLockEvents> {
  private leader = false;
  private timer: NodeJS.Timeout | undefined;
  private trying = false;
  private stopped = false;

  constructor(
    private readonly control: ControlConnection,
    private readonly key: number,
    private readonly pollMs = 1_000,
  ) {
    super();
    control.on('disconnected', () => this.depose('the control connection to PostgreSQL was lost'));
    control.on('connected', () => void this.tryAcquire());
  }

  /** True while this process holds the lock. */
  get isLeader(): boolean {
    return this.leader;
  }

  /** Starts competing for leadership. */
  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.tryAcquire(), this.pollMs);
    void this.tryAcquire();
  }

  /** Stops competing and releases the lock if held (graceful shutdown: a follower takes over at its next poll). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (!this.leader) return;
    this.depose('shutting down');
    await this.control.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, this.key]).catch(() => undefined);
  }

  private async tryAcquire(): Promise<void> {
    if (this.leader || this.trying || this.stopped || !this.control.connected) return;
    this.trying = true;
    try {
      const [row] = await this.control.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [LOCK_NAMESPACE, this.key]);
      if (!row?.locked) return;
      if (this.stopped) {
        await this.control.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, this.key]);
        return;
      }
      this.leader = true;
      this.emit('elected');
    } catch {
      // The connection broke mid-query: 'disconnected' follows and we try again once it is back.
    } finally {
      this.trying = false;
    }
  }

  private depose(reason: string): void {
    if (!this.leader) return;
    this.leader = false;
    this.emit('deposed', reason);
  }
}
