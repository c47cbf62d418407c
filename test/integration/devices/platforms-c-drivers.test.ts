import { describe, expect, it } from 'vitest';
import type { RetrievalWarning } from '../../../src/devices/fetch-configuration.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';
import { hasVariant, loadDialogue, loadTranscript, loadWidestPrompt, startSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { fillPlaceholders } from '../../support/device-simulator/reply-render.js';
import { ADMIN, expectFailure, fetchFrom } from './fetch-helpers.js';
import { DIALOGUES, FAMILIES, PLATFORMS_C, REFUSALS } from './platforms-c.js';

/**
 * Issue 13 (branch platforms-c): every transcript of the twelve new drivers through the real session — main,
 * volatile pair, paging on (also with a pager prompt after the last line), a refused info command, the widest
 * prompt — plus other OS families, refusals and login dialogues. The shared driver suite replaces the generic
 * part once it lands.
 */
async function withDevice<T>(options: SimulatedDeviceOptions, use: (dev: SimulatedDevice) => Promise<T>): Promise<T> {
  const dev = await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options });
  try {
    return await use(dev);
  } finally {
    await dev.close();
  }
}

function collecting(): { onEvent: (e: { type: string; warning?: RetrievalWarning }) => void; warnings: RetrievalWarning[] } {
  const warnings: RetrievalWarning[] = [];
  return { warnings, onEvent: (e) => (e.type === 'warning' && e.warning !== undefined ? warnings.push(e.warning) : undefined) };
}

async function expectSecretsHandled(dev: SimulatedDevice, secrets: string[]): Promise<void> {
  const plain = await fetchFrom(dev);
  const redacted = await fetchFrom(dev, { redactSecrets: true });
  for (const secret of secrets) {
    expect(plain.content, `stored: ${secret}`).toContain(secret);
    expect(redacted.content, `redacted: ${secret}`).not.toContain(secret);
  }
  if (secrets.length > 0) expect(redacted.content).toContain(REDACTION_MARKER);
}

describe.concurrent('platforms-c drivers', () => {
  for (const name of PLATFORMS_C) {
    const driver = getDriver(name);
    const shell = driver.mode === 'shell';

    it(`${name}: main transcript — reviewed text, every declared fact, secrets stored and redacted`, async () => {
      await withDevice({ driver: name }, async (dev) => {
        const result = await fetchFrom(dev);
        expect(result.content).toBe(loadTranscript(name).expected);
        expect(result.metadata.driver).toBe(name);
        expect(result.facts.vendor).toBe(driver.vendor);
        for (const fact of new Set(driver.facts.map((f) => f.fact))) expect(result.facts[fact], `fact ${fact}`).toBeTruthy();
        if (shell) expect(result.content.split('\n')).not.toContain(result.metadata.prompt);
        expect(result.content).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
        const secrets = loadTranscript(name).secrets ?? [];
        expect(secrets.length).toBeGreaterThan(0);
        await expectSecretsHandled(dev, secrets);
      });
    });

    it(`${name}: volatile pair — two retrievals that differ only in volatile content store the same text`, async () => {
      const transcript = loadTranscript(name, 'volatile');
      const texts = [transcript.prompt, ...[...transcript.replies.values()].map((r) => r.text)].join('\n');
      const render = (retrieval: number) => fillPlaceholders(texts, { hostname: 'h', username: 'u', retrieval, changingTimestamp: true });
      expect(render(1)).not.toBe(render(2));
      await withDevice({ driver: name, transcript: 'volatile', changingTimestamp: true }, async (dev) => {
        const first = await fetchFrom(dev);
        const second = await fetchFrom(dev);
        expect(first.content).toBe(transcript.expected);
        expect(second.content).toBe(first.content);
      });
      await withDevice({ driver: name, transcript: 'volatile' }, (dev) => expectSecretsHandled(dev, transcript.secrets ?? []));
    });

    // Exec drivers have no terminal: no pager and no prompt to test.
    if (shell) it(`${name}: paging left on — its own pager form is answered, also after the last line`, async () => {
      const style = loadTranscript(name, 'pager').simulate?.pagerStyle;
      expect(style).toBeDefined();
      await withDevice({ driver: name, transcript: 'pager' }, async (dev) => {
        expect((await fetchFrom(dev)).content).toBe(loadTranscript(name).expected);
      });
      // less shows "(END)" after the last page already; other pagers get their own prompt there too.
      const last = style!.last ?? { prompt: style!.prompt, key: style!.continueKey ?? ' ', erase: style!.erase };
      await withDevice({ driver: name, transcript: 'pager', pagerStyle: { ...style!, last } }, async (dev) => {
        expect((await fetchFrom(dev)).content).toBe(loadTranscript(name).expected);
      });
    });

    if (hasVariant(name, 'info-refused')) it(`${name}: a refused info command is one warning, the configuration is stored`, async () => {
      const { onEvent, warnings } = collecting();
      await withDevice({ driver: name, transcript: 'info-refused' }, async (dev) => {
        const result = await fetchFrom(dev, { onEvent });
        expect(result.content).toBe(loadTranscript(name, 'info-refused').expected);
        expect(warnings.map((w) => w.code)).toEqual(['INFO_COMMAND_REJECTED']);
        expect(driver.commands.filter((c) => c.role === 'info').flatMap((c) => [c.command, ...(c.fallbacks ?? [])])).toContain(warnings[0]!.command);
        expect(result.metadata.commands).not.toContain(warnings[0]!.command);
      });
    });

    if (shell) it(`${name}: the widest legal prompt is learned`, async () => {
      const widest = loadWidestPrompt(name)!;
      const user = { username: widest.username ?? ADMIN.username, password: ADMIN.password! };
      await withDevice({ driver: name, hostname: widest.hostname, prompt: widest.prompt, users: [user] }, async (dev) => {
        const result = await fetchFrom(dev, {}, { ...ADMIN, username: user.username });
        expect(result.metadata.prompt).toBe(widest.learned);
        expect(result.content.replaceAll(widest.hostname, 'core-sw1')).toBe(loadTranscript(name).expected);
      });
    });
  }

  for (const family of FAMILIES) {
    it(`${family.driver}/${family.variant}: stored as reviewed, facts read, secrets redacted`, async () => {
      const transcript = loadTranscript(family.driver, family.variant);
      const { onEvent, warnings } = collecting();
      await withDevice({ driver: family.driver, transcript: family.variant }, async (dev) => {
        const result = await fetchFrom(dev, { onEvent });
        expect(result.content).toBe(transcript.expected);
        expect(result.facts).toMatchObject(family.facts);
        if (family.prompt !== undefined) expect(result.metadata.prompt).toBe(family.prompt);
        expect(warnings.map((w) => w.command)).toEqual(family.refused ?? []);
        await expectSecretsHandled(dev, transcript.secrets ?? []);
      });
    });
  }

  for (const refusal of REFUSALS) {
    it(`${refusal.driver}: ${refusal.about} fails with ${refusal.code}`, async () => {
      await withDevice({ driver: refusal.driver, transcript: refusal.variant, ...refusal.options }, async (dev) => {
        const err = await expectFailure(fetchFrom(dev));
        expect(err.code).toBe(refusal.code);
        for (const words of refusal.says) expect(err.message).toContain(words);
        expect(err.message).not.toContain(ADMIN.password);
      });
    });
  }

  for (const { driver, dialogue, outcome, typed } of DIALOGUES) {
    it(`${driver}: login dialogue ${dialogue} — ${outcome === 'stored' ? 'answered, configuration stored' : `stops with ${outcome}, nothing typed`}`, async () => {
      const options = loadDialogue(driver, dialogue) as Partial<SimulatedDeviceOptions>;
      await withDevice({ driver, ...options }, async (dev) => {
        if (outcome === 'stored') {
          expect((await fetchFrom(dev)).content).toBe(loadTranscript(driver).expected);
          if (typed !== undefined) expect(dev.typed().startsWith(typed)).toBe(true);
          return;
        }
        const err = await expectFailure(fetchFrom(dev, { loginTimeoutMs: 5_000 }));
        expect(err.code).toBe(outcome);
        expect(dev.typed()).toBe('');
      });
    });
  }
});
