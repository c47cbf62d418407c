import { describe, expect, it } from 'vitest';
import { getDriver, listDrivers } from '../../../src/devices/drivers/registry.js';
import { isNetRavenError } from '../../../src/errors.js';
import { loadTranscript } from '../../support/device-simulator/index.js';
import { promptSamples } from '../../support/driver-fixtures.js';

describe('driver registry', () => {
  it('lists every platform once, sorted: the 13 first ones and issue 13\'s thirty', () => {
    expect(listDrivers().length).toBeGreaterThanOrEqual(43);
    expect(listDrivers()).toEqual([...new Set(listDrivers())].sort());
  });

  it('throws DRIVER_UNKNOWN listing the known names', () => {
    try {
      getDriver('cisco_xyz');
      expect.unreachable('getDriver should have thrown');
    } catch (err) {
      expect(isNetRavenError(err, 'DRIVER_UNKNOWN')).toBe(true);
      expect((err as Error).message).toContain('cisco_ios');
      expect((err as Error).message).toContain('vyos');
    }
  });

  for (const name of listDrivers()) {
    it(`${name}: prompt pattern, commands and patterns are sane`, () => {
      const driver = getDriver(name);
      expect(driver.name).toBe(name);
      const samples = promptSamples(name);
      expect(samples.ok.length).toBeGreaterThan(0);
      for (const prompt of samples.ok) expect(driver.promptPattern.test(prompt), prompt).toBe(true);
      for (const line of samples.not) expect(driver.promptPattern.test(line), line).toBe(false);
      expect(driver.commands.some((c) => c.role === 'config')).toBe(true);
      expect(driver.errorPatterns.length).toBeGreaterThan(0);
      expect(driver.facts.length).toBeGreaterThan(0);
      for (const fact of driver.facts) expect(driver.commands.map((c) => c.command)).toContain(fact.command);
      // Login answers are keys or a short word ("yes"), never anything resembling a credential.
      for (const answer of driver.loginAnswers ?? []) expect(answer.reply).toMatch(/^(?:[ a-z]|yes|no)\n?$/);
      // Redaction relies on exactly two capture groups: kept prefix, then the secret.
      for (const pattern of driver.secretPatterns) expect(new RegExp(`${pattern.source}|`).exec('')!.length).toBe(3);
    });
  }
});

describe('content rules of every driver', () => {
  for (const name of listDrivers()) {
    it(`${name}: the marker is in its configuration, errors are not, blocks can find their end`, () => {
      const driver = getDriver(name);
      const transcript = loadTranscript(name);
      const config = transcript.replies.get(transcript.configCommand)!.text.split('\n');
      expect(config.some((line) => driver.configShape.marker.test(line))).toBe(true);
      expect(driver.configShape.description.length).toBeGreaterThan(0);
      for (const line of config.slice(0, 10)) {
        expect(driver.errorPatterns.some((p) => p.test(line))).toBe(false);
        expect(driver.shellErrors.some((p) => p.test(line))).toBe(false);
      }
      for (const block of driver.blocks ?? []) {
        // An end built from the start match needs the delimiter as capture group 1.
        if (typeof block.end === 'function') expect(new RegExp(`${block.start.source}|`).exec('')!.length).toBeGreaterThan(1);
      }
    });
  }
});
