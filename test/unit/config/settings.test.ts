import { describe, expect, it } from 'vitest';
import { defaultSettings, INTERNAL_KEY_PREFIX, isSettingKey, parseSettingText, resolveSettings, SETTINGS, validateSetting } from '../../../src/config/settings.js';
import { loadEnvironment, redactUrl } from '../../../src/config/environment.js';
import { isNetRavenError } from '../../../src/errors.js';
import { refused } from '../../support/refused.js';


describe('settings validation', () => {
  it('accepts every default', () => {
    for (const [key, def] of Object.entries(SETTINGS)) expect(validateSetting(key, def.default)).toEqual(def.default);
  });

  it.each([
    ['retrieval.concurrency', 0],
    ['retrieval.concurrency', 2.5],
    ['retrieval.concurrency', '50'],
    ['retrieval.concurrency', null],
    ['retrieval.schedule', '61 * * * *'],
    ['retrieval.schedule', '; rm -rf /'],
    ['retrieval.redact_secrets', 'yes'],
    ['database.pool_size', 1],
    ['retention.job_log_days', -1],
    ['retrieval.max_output_bytes', 1e12],
  ])('refuses %s = %j with a message naming the key', (key, value) => {
    const err = refused(() => validateSetting(key, value));
    expect(isNetRavenError(err, 'SETTINGS_INVALID')).toBe(true);
    expect((err as Error).message).toContain(key);
  });

  it('refuses an unknown key and lists the known ones', () => {
    const err = refused(() => validateSetting('retrieval.concurency', 5));
    expect(isNetRavenError(err, 'SETTING_UNKNOWN')).toBe(true);
    expect((err as Error).message).toContain('retrieval.concurrency');
  });

  it('keeps NetRaven\'s internal records out: no setting uses the prefix, and none can be validated, parsed or resolved', () => {
    expect(Object.keys(SETTINGS).filter((key) => key.startsWith(INTERNAL_KEY_PREFIX))).toEqual([]);
    expect(isSettingKey('internal.sealing_keys')).toBe(false);
    for (const attempt of [() => validateSetting('internal.sealing_keys', { keys: [] }), () => parseSettingText('internal.sealing_keys', '{"keys":[]}')]) {
      const err = refused(attempt);
      expect(isNetRavenError(err, 'SETTING_UNKNOWN')).toBe(true);
      expect((err as Error).message).toBe('"internal.sealing_keys" is NetRaven\'s own record, not a setting: it cannot be shown or changed with the settings commands');
    }
    expect(resolveSettings([{ key: 'internal.sealing_keys', value: { keys: [] } }])).toEqual(defaultSettings());
  });

  it('refuses a bad stored value instead of silently using it', () => {
    expect(resolveSettings([{ key: 'retrieval.concurrency', value: 7 }])['retrieval.concurrency']).toBe(7);
    expect(resolveSettings([])).toEqual(defaultSettings());
    expect(() => resolveSettings([{ key: 'retrieval.concurrency', value: -3 }])).toThrow(/retrieval\.concurrency/);
  });

  it('parses operator text by the setting type', () => {
    expect(parseSettingText('retrieval.concurrency', '80')).toBe(80);
    expect(parseSettingText('retrieval.redact_secrets', 'true')).toBe(true);
    expect(parseSettingText('retrieval.schedule', '*/5 * * * *')).toBe('*/5 * * * *');
    expect(() => parseSettingText('retrieval.concurrency', 'fifty')).toThrow(/expected a number/);
  });
});

describe('environment', () => {
  it('refuses a malformed DATABASE_URL and redacts passwords in messages', () => {
    expect(() => loadEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must look like/);
    expect(() => loadEnvironment({ DATABASE_URL: 'postgres://' })).toThrow(/DATABASE_URL/);
    expect(loadEnvironment({ DATABASE_URL: 'postgres://u:p@db:5432/n', NETRAVEN_HOME: '/srv/nr' })).toMatchObject({ databaseUrl: 'postgres://u:p@db:5432/n', home: '/srv/nr' });
    expect(redactUrl('postgres://u:s3cret@db/n')).toBe('postgres://u:***@db/n');
    expect(redactUrl('::::')).toBe('<unparseable url>');
  });
});
