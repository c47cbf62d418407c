import { describe, expect, it } from 'vitest';
import { quote, validName, validPriority, validSecret, validTags, validUsername } from '../../../src/credentials/credential-input.js';
import { NetRavenError } from '../../../src/errors.js';
import { refused } from '../../support/refused.js';


describe('credential input', () => {
  it('trims names and keeps printable unicode', () => {
    expect(validName('  core admin  ')).toBe('core admin');
    expect(validName('Zürich-Ωmega')).toBe('Zürich-Ωmega');
    expect(validUsername('DOMAIN\\netops', 'x')).toBe('DOMAIN\\netops');
  });

  it('refuses control, bidi and zero-width characters, showing them escaped', () => {
    for (const hostile of ['evil\x1b[2J', 'tab\there', 'new\nline', 'rtl\u202Eexe', 'zero\u200Bwidth', 'nul\0']) {
      const err = refused(() => validName(hostile));
      expect(err.code).toBe('INPUT_INVALID');
      expect(err.message).not.toMatch(/[\x00-\x1f\u202E\u200B]/);
    }
    expect(refused(() => validUsername('a\x07b', 'core')).message).toContain('username of credential "core"');
  });

  it('refuses empty and overlong names and usernames, and shortens them in messages', () => {
    expect(refused(() => validName('   ')).message).toContain('must not be empty');
    const long = 'n'.repeat(5000);
    const err = refused(() => validName(long));
    expect(err.message).toContain('longer than 100 characters');
    expect(err.message.length).toBeLessThan(200);
    expect(refused(() => validUsername('u'.repeat(201), 'core')).message).toContain('longer than 200');
    expect(validUsername('u'.repeat(200), 'core')).toHaveLength(200);
  });

  it('checks tags against the tags table rule and drops case-insensitive duplicates', () => {
    expect(validTags(['core', 'Core', 'site:ams/1'])).toEqual(['core', 'site:ams/1']);
    expect(refused(() => validTags(['-bad'])).code).toBe('INPUT_INVALID');
    expect(refused(() => validTags(['has space'])).message).toContain('"has space"');
  });

  it('bounds priorities', () => {
    expect(validPriority(0)).toBe(0);
    expect(refused(() => validPriority(10_001)).code).toBe('INPUT_INVALID');
    expect(refused(() => validPriority(1.5)).code).toBe('INPUT_INVALID');
  });

  it('keeps secrets as typed and never puts them in a message', () => {
    expect(validSecret(' spaced pass ', 'core')).toBe(' spaced pass ');
    expect(refused(() => validSecret('', 'core'))).toMatchObject({ code: 'SECRET_EMPTY', message: expect.stringContaining('secret of credential "core" is empty') });
    expect(refused(() => validSecret('', 'core', 'enable secret')).message).toContain('enable secret');
    const withBreak = refused(() => validSecret('topsecret\nline', 'core'));
    expect(withBreak.code).toBe('INPUT_INVALID');
    expect(withBreak.message).not.toContain('topsecret');
    const huge = refused(() => validSecret('x'.repeat(1025), 'core'));
    expect(huge.message).toContain('1024 bytes');
    expect(huge.message).not.toContain('xxxx');
  });

  it('quotes user text on one line', () => {
    expect(quote('a\nb')).toBe('"a\\nb"');
    expect(quote('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`);
  });
});
