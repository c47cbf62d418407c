/**
 * What the server allows before a login succeeds: failed attempts per address (10 within a
 * minute block the address for a minute, issue 10), and how many connections may be waiting
 * to log in — per address and in all — so a client opening 100 connections at once cannot
 * starve the others (OpenSSH's MaxStartups plays the same part).
 */

export interface LoginGuardOptions {
  /** Failed attempts within `windowMs` that block an address (default 10). */
  maxFailures?: number;
  /** ms (default 60 000). */
  windowMs?: number;
  /** How long a blocked address stays blocked (ms, default 60 000). */
  blockMs?: number;
  /** Connections not logged in yet, per address (default 20: an office behind one NAT address) and in all (default 64). */
  maxPendingPerAddress?: number;
  maxPending?: number;
  now?: () => number;
}

/** Counts failures and pending connections per address; addresses are the client's IP as the socket gives it. */
export class LoginGuard {
  private readonly failures = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly pendingByAddress = new Map<string, number>();
  private pending = 0;
  private readonly options: Required<Omit<LoginGuardOptions, 'now'>>;
  private readonly now: () => number;

  constructor(options: LoginGuardOptions = {}) {
    this.options = {
      maxFailures: options.maxFailures ?? 10,
      windowMs: options.windowMs ?? 60_000,
      blockMs: options.blockMs ?? 60_000,
      maxPendingPerAddress: options.maxPendingPerAddress ?? 20,
      maxPending: options.maxPending ?? 64,
    };
    this.now = options.now ?? Date.now;
  }

  /** True while the address is blocked after too many failures. */
  blocked(address: string): boolean {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.blockedUntil.delete(address);
    return false;
  }

  /** Records a failed attempt; true when this one blocked the address. */
  fail(address: string): boolean {
    const now = this.now();
    const recent = (this.failures.get(address) ?? []).filter((at) => now - at < this.options.windowMs);
    recent.push(now);
    if (recent.length < this.options.maxFailures) {
      this.failures.set(address, recent);
      return false;
    }
    this.failures.delete(address);
    this.blockedUntil.set(address, now + this.options.blockMs);
    return true;
  }

  /**
   * Admits a new connection waiting to log in, or says why not ('blocked', 'busy'). The caller
   * calls `settled` once it logged in or went away.
   */
  admit(address: string): 'ok' | 'blocked' | 'busy' {
    if (this.blocked(address)) return 'blocked';
    const mine = this.pendingByAddress.get(address) ?? 0;
    if (mine >= this.options.maxPendingPerAddress || this.pending >= this.options.maxPending) return 'busy';
    this.pendingByAddress.set(address, mine + 1);
    this.pending += 1;
    return 'ok';
  }

  /** A connection admitted earlier is no longer waiting (logged in, or closed). */
  settled(address: string): void {
    const mine = this.pendingByAddress.get(address) ?? 0;
    if (mine <= 1) this.pendingByAddress.delete(address);
    else this.pendingByAddress.set(address, mine - 1);
    this.pending = Math.max(0, this.pending - 1);
  }

  /** Forgets failures older than the window (called now and then, so the maps stay small under a scan). */
  sweep(): void {
    const now = this.now();
    for (const [address, times] of this.failures) if (times.every((at) => now - at >= this.options.windowMs)) this.failures.delete(address);
    for (const [address, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(address);
  }
}
