import { describe, expect, it } from 'vitest';
import type { RetrievalWarning } from '../../../src/devices/assemble-configuration.js';
import { getDriver, listDrivers } from '../../../src/devices/drivers/registry.js';
import type { FetchedConfiguration, FetchOptions } from '../../../src/devices/fetch-configuration.js';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';
import { loadTranscript, loadWidestPrompt, startSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { fillPlaceholders } from '../../support/device-simulator/reply-render.js';
import { configLines, MIN_CONFIG_LINES, missingFixtures } from '../../support/driver-fixtures.js';
import { fidelityProblems } from '../../support/fidelity.js';
import { ADMIN, fetchFrom } from './fetch-helpers.js';

/**
 * The shared driver suite (issue 13 point 4, and point 6's fidelity check): every driver of the registry
 * is retrieved through the real session from its own transcripts — main, volatile pair, pager on, a refused
 * info command, its widest prompt. A new driver is tested by adding its files; a driver without them fails.
 */
const HOST = 'core-sw1';
const render = (retrieval: number, changingTimestamp = false) => ({ hostname: HOST, username: 'admin', retrieval, changingTimestamp });

/** Starts a device, runs `use` and always closes it. */
async function withDevice<T>(options: SimulatedDeviceOptions, use: (dev: SimulatedDevice) => Promise<T>): Promise<T> {
  const dev = await startSimulatedDevice({ hostname: HOST, enableSecret: 'enable-pass', ...options });
  try {
    return await use(dev);
  } finally {
    await dev.close();
  }
}

function warningsOf(options: Partial<FetchOptions> = {}): { options: Partial<FetchOptions>; warnings: RetrievalWarning[] } {
  const warnings: RetrievalWarning[] = [];
  return { options: { ...options, onEvent: (e) => (e.type === 'warning' ? warnings.push(e.warning) : undefined) }, warnings };
}

function expectFaithful(driver: string, variant: string | undefined, result: FetchedConfiguration, retrieval: number, changing = false): void {
  const problems = fidelityProblems(getDriver(driver), loadTranscript(driver, variant), result.content, result.metadata.commands, render(retrieval, changing));
  expect(problems, problems.join('\n')).toEqual([]);
}

function expectRedacted(driver: string, variant: string | undefined, plain: string, redacted: string): void {
  const secrets = loadTranscript(driver, variant).secrets ?? [];
  for (const secret of secrets) expect(redacted, `${driver}${variant ? `/${variant}` : ''}: secret ${secret}`).not.toContain(secret);
  if (secrets.length > 0) expect(redacted).toContain(REDACTION_MARKER);
  // A transcript whose redaction changes anything must list its secrets, so the check above means something.
  if (redacted !== plain) expect(secrets.length, `${driver}${variant ? `/${variant}` : ''}: list the secrets of this transcript in "secrets"`).toBeGreaterThan(0);
}

const declaresVolatile = (name: string): boolean => {
  const driver = getDriver(name);
  return driver.volatileLines.length > 0 || (driver.volatileRewrites ?? []).length > 0 || (driver.blocks ?? []).some((b) => b.kind === 'volatile');
};

describe.concurrent('shared driver suite', () => {
  for (const name of listDrivers()) {
    const driver = getDriver(name);
    const shell = driver.mode === 'shell';
    const hasInfo = driver.commands.some((c) => c.role === 'info');

    it(`${name}: has every transcript the suite needs, with a realistic configuration`, () => {
      expect(missingFixtures(driver), `${name}: missing fixture files`).toEqual([]);
      expect(configLines(driver), `${name}: non-blank lines of the configuration reply`).toBeGreaterThanOrEqual(MIN_CONFIG_LINES);
    });

    it(`${name}: main transcript — the reviewed expected text, facts, nothing but the device's lines, secrets redacted`, async () => {
      await withDevice({ driver: name }, async (dev) => {
        const plain = await fetchFrom(dev);
        expect(plain.content).toBe(loadTranscript(name).expected);
        expect(plain.metadata.driver).toBe(name);
        expect(plain.hostKeyFingerprint).toBe(dev.hostKeyFingerprint);
        expect(plain.content).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
        if (shell) expect(plain.content.split('\n')).not.toContain(plain.metadata.prompt);
        expect(plain.facts.vendor).toBe(driver.vendor);
        for (const fact of new Set(driver.facts.map((f) => f.fact))) expect(plain.facts[fact], `${name}: fact ${fact}`).toBeTruthy();
        expectFaithful(name, undefined, plain, 1);
        const redacted = await fetchFrom(dev, { redactSecrets: true });
        expectRedacted(name, undefined, plain.content, redacted.content);
      });
    });

    it(`${name}: volatile pair — two retrievals differing only in volatile content store the same text`, async () => {
      const transcript = loadTranscript(name, 'volatile');
      if (declaresVolatile(name)) {
        const texts = [transcript.prompt, ...[...transcript.replies.values()].map((r) => r.text)].join('\n');
        expect(fillPlaceholders(texts, render(1, true)), `${name}/volatile: {time}/{counter} must vary`).not.toBe(fillPlaceholders(texts, render(2, true)));
      }
      await withDevice({ driver: name, transcript: 'volatile', changingTimestamp: true }, async (dev) => {
        const first = await fetchFrom(dev);
        const second = await fetchFrom(dev);
        expect(first.content).toBe(transcript.expected);
        expect(second.content).toBe(first.content);
        expectFaithful(name, 'volatile', first, 1, true);
        expectFaithful(name, 'volatile', second, 2, true);
        const redacted = await fetchFrom(dev, { redactSecrets: true });
        expectRedacted(name, 'volatile', first.content, redacted.content);
      });
    });

    if (shell) it(`${name}: paging on — the platform's pager form is answered (also after the last line), the stored text is complete`, async () => {
      const transcript = loadTranscript(name, 'pager');
      const every = transcript.simulate?.pagerEveryLines;
      expect(every, `${name}/pager: set "simulate": { "pagerEveryLines": N }`).toBeGreaterThan(0);
      expect(configLines(driver)).toBeGreaterThan(every!);
      await withDevice({ driver: name, transcript: 'pager' }, async (dev) => {
        const result = await fetchFrom(dev);
        expect(result.content).toBe(loadTranscript(name).expected);
      });
      // Bad input: a pager prompt after the very last line of output (less shows "(END)" there by itself).
      const style = transcript.simulate?.pagerStyle;
      expect(style, `${name}/pager: set "simulate": { "pagerStyle": … } with the platform's pager prompt`).toBeDefined();
      const last = style!.last ?? { prompt: style!.prompt, key: style!.continueKey ?? ' ', erase: style!.erase };
      await withDevice({ driver: name, transcript: 'pager', pagerStyle: { ...style!, last } }, async (dev) => {
        expect((await fetchFrom(dev)).content).toBe(loadTranscript(name).expected);
      });
    });

    if (hasInfo) it(`${name}: a refused info command is a warning, the configuration is still stored`, async () => {
      const transcript = loadTranscript(name, 'info-refused');
      const { options, warnings } = warningsOf();
      await withDevice({ driver: name, transcript: 'info-refused' }, async (dev) => {
        const result = await fetchFrom(dev, options);
        expect(result.content).toBe(transcript.expected);
        expect(warnings.map((w) => w.code)).toEqual(['INFO_COMMAND_REJECTED']);
        const refused = driver.commands.find((c) => c.role === 'info' && [c.command, ...(c.fallbacks ?? [])].includes(warnings[0]!.command));
        expect(refused, `${name}: the refused command is one of its info commands`).toBeDefined();
        expect(result.metadata.commands).not.toContain(warnings[0]!.command);
        expectFaithful(name, 'info-refused', result, 1);
      });
    });

    if (shell) it(`${name}: the widest legal prompt is learned and the configuration is complete`, async () => {
      const widest = loadWidestPrompt(name)!;
      const user = { username: widest.username ?? ADMIN.username, password: ADMIN.password! };
      await withDevice({ driver: name, hostname: widest.hostname, prompt: widest.prompt, users: [user] }, async (dev) => {
        const result = await fetchFrom(dev, {}, { ...ADMIN, username: user.username });
        expect(result.metadata.prompt).toBe(widest.learned);
        expect(result.content.replaceAll(widest.hostname, HOST)).toBe(loadTranscript(name).expected);
      });
    });
  }
});
