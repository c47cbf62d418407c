/**
 * Keeps a running daemon's settings current: system_settings NOTIFYs `netraven_settings` on
 * every change of a setting (triggers; NetRaven's internal rows send none), and after a reconnection a notice may have been missed, so both
 * reload the settings. Changed `live` settings are handed to `onChange` (and logged as
 * applied); changed `restart` settings are logged as waiting for a restart
 * (src/config/setting-effects.ts).
 */
import type { Knex } from 'knex';
import { settingEffect } from '../config/setting-effects.js';
import type { SettingKey, Settings } from '../config/settings.js';
import { loadSettings, SETTINGS_CHANNEL } from '../config/settings-store.js';
import type { ControlConnection } from '../db/control-connection.js';
import { errorFields, type Logger } from '../jobs/logger.js';

export interface SettingsWatcherOptions {
  db: Knex;
  control: ControlConnection;
  logger: Logger;
  /** The settings the daemon started with. */
  initial: Settings;
  /** Called with the new settings and the keys whose value changed. */
  onChange(settings: Settings, changed: SettingKey[]): void;
}

export class SettingsWatcher {
  private current: Settings;
  private reloading: Promise<void> | undefined;
  private again = false;
  private readonly onNotification = (channel: string) => {
    if (channel === SETTINGS_CHANNEL) this.reload();
  };
  private readonly onConnected = () => this.reload();

  constructor(private readonly options: SettingsWatcherOptions) {
    this.current = options.initial;
  }

  /** The settings as last read. */
  get settings(): Settings {
    return this.current;
  }

  /** LISTENs (also after every reconnection) and reloads on each notice. */
  async start(): Promise<void> {
    this.options.control.on('notification', this.onNotification);
    this.options.control.on('connected', this.onConnected);
    await this.options.control.listen(SETTINGS_CHANNEL);
  }

  stop(): void {
    this.options.control.off('notification', this.onNotification);
    this.options.control.off('connected', this.onConnected);
  }

  /** Reads the settings again (coalescing bursts: one read runs, one more follows if asked meanwhile). */
  reload(): Promise<void> {
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = this.read().finally(() => {
      this.reloading = undefined;
      if (this.again) {
        this.again = false;
        void this.reload();
      }
    });
    return this.reloading;
  }

  private async read(): Promise<void> {
    let next: Settings;
    try {
      next = await loadSettings(this.options.db);
    } catch (err) {
      this.options.logger.warn(errorFields(err), 'daemon: could not read the changed settings; keeping the current ones');
      return;
    }
    const changed = (Object.keys(next) as SettingKey[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(this.current[key]));
    if (changed.length === 0) return;
    this.current = next;
    for (const key of changed) {
      if (settingEffect(key) === 'live') this.options.logger.info({ setting: key, value: next[key] }, 'daemon: setting applied');
      else this.options.logger.warn({ setting: key, value: next[key] }, 'daemon: setting changed; it takes effect when this daemon restarts');
    }
    this.options.onChange(next, changed);
  }
}
