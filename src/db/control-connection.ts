import { EventEmitter } from 'node:events';
import pg from 'pg';
import { NetRavenError } from '../errors.js';

export interface ControlConnectionOptions {
  url: string;
  /** application_name of the session (at most 63 characters are kept by PostgreSQL). */
  applicationName: string;
  /** First and largest pause between reconnection attempts. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export interface ControlConnectionEvents {
  connected: [];
  disconnected: [err: unknown];
  notification: [channel: string, payload: string | undefined];
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * One dedicated PostgreSQL session outside the knex pool, for what must live on a single
 * session: LISTEN, session advisory locks (the scheduler leader), the liveness heartbeat.
 * It reconnects by itself after the database goes away and LISTENs again; listeners learn
 * about every loss ('disconnected': session locks are gone) and recovery ('connected').
 */
export class ControlConnection extends EventEmitter<ControlConnectionEvents> {
  private client: pg.Client | undefined;
  private readonly channels = new Set<string>();
  private stopped = false;
  private retryMs = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ControlConnectionOptions) {
    super();
  }

  /** True while a session is open. */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Connects (retrying in the background after a failure); resolves after the first attempt. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** LISTENs on a channel now and after every reconnection. */
  async listen(channel: string): Promise<void> {
    if (!CHANNEL.test(channel)) throw new NetRavenError('INTERNAL', `invalid channel name ${channel}`);
    this.channels.add(channel);
    if (this.client) await this.client.query(`LISTEN ${channel}`);
  }

  /**
   * Renames the session (pg_stat_activity shows it at once) and every later reconnection: how a
   * daemon publishes its state to `daemon --check` without a table.
   */
  async setApplicationName(name: string): Promise<void> {
    this.options.applicationName = name;
    if (this.client) await this.client.query("SELECT set_config('application_name', $1, false)", [name.slice(0, 63)]);
  }

  /** Runs a query on the session; DATABASE_UNREACHABLE while it is down. */
  async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = this.client;
    if (!client) throw new NetRavenError('DATABASE_UNREACHABLE', 'the control connection to PostgreSQL is down; it reconnects by itself');
    return (await client.query<R>(text, values)).rows;
  }

  /** Closes the session for good (session advisory locks are released by the server). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName.slice(0, 63),
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new NetRavenError('DATABASE_UNREACHABLE', 'the control connection was closed')));
    client.on('notification', (message) => this.emit('notification', message.channel, message.payload));
    try {
      await client.connect();
      // The server must notice a vanished peer within seconds, not after the 2-hour kernel
      // default: a dead leader's advisory lock is released when its session ends.
      await client.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3');
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.scheduleReconnect(err);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = 0;
    this.emit('connected');
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.emit('disconnected', err);
    this.scheduleReconnect(err);
  }

  private scheduleReconnect(err: unknown): void {
    if (this.stopped || this.retryTimer) return;
    void err;
    this.retryMs = Math.min(this.options.retryMaxMs ?? 5_000, Math.max(this.options.retryMinMs ?? 250, this.retryMs * 2));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryMs);
  }
}
