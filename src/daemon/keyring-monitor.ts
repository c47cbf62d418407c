import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import { checkKeyringOpens, mayBeKeyringFault } from '../credentials/keyring-health.js';
import type { KeyringSource } from '../credentials/keyring-source.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import { errorFields, type Logger } from '../jobs/logger.js';

export interface KeyringMonitorOptions {
  knex: Knex;
  keyring: KeyringSource;
  logger: Logger;
  /** How often the keyring is checked again, healthy or not (ms). */
  intervalMs: number;
}

export interface KeyringMonitorEvents {
  /** The keyring started failing (the error) or works again (null). */
  changed: [fault: NetRavenError | null];
}

/**
 * Whether this daemon's keyring opens credentials (checkKeyringOpens): at start (a daemon that
 * cannot is refused), every intervalMs, and whenever opening a credential fails. While it does not,
 * the daemon takes no retrieval jobs and says so in `daemon --check`; jobs that failed on it go back
 * to the queue for another daemon. A database error during a check changes nothing (outages are
 * handled elsewhere).
 */
export class KeyringMonitor extends EventEmitter<KeyringMonitorEvents> {
  private current: NetRavenError | null = null;
  private running: Promise<boolean> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: KeyringMonitorOptions) {
    super();
  }

  /** The error that makes the keyring unusable, or null while it works. */
  get fault(): NetRavenError | null {
    return this.current;
  }

  /** The start check: resolves when the keyring opens credentials, throws its error (with the daemon's words) otherwise. */
  async start(): Promise<void> {
    try {
      await checkKeyringOpens(this.options.knex, this.options.keyring);
    } catch (err) {
      if (!isNetRavenError(err)) throw err;
      throw new NetRavenError(err.code, `the daemon does not start: ${err.message}`, { cause: err, details: err.details });
    }
    this.timer = setInterval(() => void this.check(), this.options.intervalMs);
    this.timer.unref();
  }

  /**
   * Checks now; true when the keyring opens credentials. Callers while a check runs share it, so
   * the devices of a sweep failing at once cost one check (the keyring file is small, the
   * queries are two).
   */
  check(): Promise<boolean> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** For credentialLogins: after a credential failed to open, what is wrong with this daemon's keyring (null: nothing, the credential is at fault)? */
  readonly keyringFault = async (_err: NetRavenError): Promise<NetRavenError | null> => ((await this.check()) ? null : this.current);

  /** Stops the periodic check. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async run(): Promise<boolean> {
    try {
      await checkKeyringOpens(this.options.knex, this.options.keyring);
      this.set(null);
    } catch (err) {
      if (!mayBeKeyringFault(err)) {
        this.options.logger.warn(errorFields(err), 'daemon: could not check the keyring (keeping the last result)');
        return this.current === null;
      }
      this.set(err as NetRavenError);
    }
    return this.current === null;
  }

  private set(fault: NetRavenError | null): void {
    const was = this.current;
    this.current = fault;
    if ((was === null) === (fault === null) && was?.code === fault?.code) return;
    if (fault === null) this.options.logger.info({}, 'daemon: the keyring opens credentials again; taking retrieval jobs');
    else this.options.logger.error({ code: fault.code, error: fault.message }, 'daemon: the keyring cannot open credentials; taking no retrieval jobs until it can (see `netraven daemon --check`)');
    this.emit('changed', fault);
  }
}
