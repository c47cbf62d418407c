import { afterAll, describe, expect, it } from 'vitest';
import { VOLATILE_MARKER } from '../../../src/devices/content-rules.js';
import { loadTranscript, startSimulatedDevice } from '../../support/device-simulator/index.js';
import { fillPlaceholders } from '../../support/device-simulator/reply-render.js';
import { DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

describe('content rules through the real session', () => {
  const harness = new DeviceHarness();
  afterAll(() => harness.closeAll());

  it('fortinet_fortios: no line of the re-encrypted private key is stored, and the stored text does not change with it', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'fortinet_fortios', transcript: 'volatile', hostname: 'core-sw1', changingTimestamp: true }));
    const show = loadTranscript('fortinet_fortios', 'volatile').replies.get('show')!.text;
    const keyLines = (retrieval: number) => {
      const text = fillPlaceholders(show, { hostname: 'core-sw1', username: 'admin', retrieval, changingTimestamp: true }).split('\n');
      return text.slice(text.findIndex((l) => l.includes('BEGIN ENCRYPTED PRIVATE KEY')) + 1, text.findIndex((l) => l.includes('END ENCRYPTED PRIVATE KEY')));
    };
    const first = await fetchFrom(dev);
    const second = await fetchFrom(dev, { redactSecrets: true });
    const third = await fetchFrom(dev);
    expect(keyLines(1)).not.toEqual(keyLines(2));
    for (const line of [...keyLines(1), ...keyLines(2), ...keyLines(3)]) {
      for (const result of [first, second, third]) expect(result.content).not.toContain(line);
    }
    expect(first.content).toBe(third.content);
    expect(first.content).toContain(`set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----\n${VOLATILE_MARKER}\n-----END ENCRYPTED PRIVATE KEY-----"`);
  });

  it('a VyOS account in bash: CONFIG_NOT_RECOGNISED naming the shell reply and the fix', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'vyos', transcript: 'bash-account', hostname: 'core-sw1' }));
    const err = await expectFailure(fetchFrom(dev));
    expect(err.code).toBe('CONFIG_NOT_RECOGNISED');
    expect(err.message).toContain('"-bash: show: command not found"');
    expect(err.message).toContain('login shell');
    expect(err.details).toMatchObject({ command: 'show configuration commands', driver: 'vyos' });
  });

  it('RouterOS 6 refuses "show-sensitive": the plain export (complete on v6) is stored', async () => {
    const dev = harness.add(await startSimulatedDevice({ driver: 'mikrotik_routeros', transcript: 'volatile', hostname: 'core-sw1' }));
    const result = await fetchFrom(dev);
    expect(result.metadata.commands).toEqual(['/system resource print without-paging', '/system routerboard print without-paging', '/export terse']);
    expect(result.content).toContain('secret=Hq1psecPsk!');
    expect(result.facts.osVersion).toBe('6.49.10');
  });
});
