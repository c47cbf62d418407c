import { describe, expect, it } from 'vitest';
import { looksLikeOutputQuestion, looksLikeQuestion } from '../../../src/devices/login-questions.js';
import { LESS_FORMS, PagerDetector } from '../../../src/devices/pager.js';

const raw = (line: string) => () => line;

describe('pager detection on the last line', () => {
  const common = new PagerDetector();
  const less = new PagerDetector(LESS_FORMS);
  const forms: [string, string, string][] = [
    ['--More--', 'more', ' '],
    [' --More-- ', 'more', ' '],
    ['-- More --', 'more', ' '],
    ['--More--(27%)', 'more', ' '],
    ['--More-- or (q)uit', 'more-or-quit', ' '],
    ['Press any key to continue', 'press-any-key', ' '],
    ['Press any key to continue (Q to quit)', 'press-any-key', ' '],
    ['<--- More --->', 'asa-more', ' '],
    ['---(more)---', 'junos-more', ' '],
    ['---(more 27%)---', 'junos-more', ' '],
    ['-- MORE --, next page: Space, next line: Enter, quit: Control-C', 'procurve-more', ' '],
    ['-- [Q quit|D dump|down]', 'routeros-more', ' '],
    ['-- [Q quit|D dump|right|up|down]', 'routeros-more', ' '],
    ['(END)', 'less-end', 'q'],
  ];
  for (const [line, name, reply] of forms) {
    it(`answers "${line}" with ${JSON.stringify(reply)} (${name})`, () => {
      const shownLine = line.trimEnd();
      expect(common.find(shownLine, raw(line))?.name).toBe(name);
      expect(common.answer(shownLine, raw(line))?.text).toBe(reply);
    });
  }

  it('less forms only for drivers that page through less', () => {
    expect(common.find(':', raw(':'))).toBeUndefined();
    expect(less.answer(':', raw(':'))).toEqual({ text: ' ', dropChars: 1 });
    expect(less.answer('lines 1-40', raw('\x1b[7mlines 1-40\x1b[27m'))?.text).toBe(' ');
    expect(less.answer('lines 161-180/180 (END)', raw('lines 161-180/180 (END)'))?.text).toBe('q');
  });

  it('a reverse-video "More" counts only when the raw line shows it in reverse video', () => {
    const rawLine = '\x1b[7m More \x1b[m';
    expect(common.answer('More', raw(rawLine))).toEqual({ text: ' ', dropChars: rawLine.length });
    expect(common.find('More', raw('More'))).toBeUndefined();
    expect(common.find(' description Learn More', raw(' description Learn More'))).toBeUndefined();
    // Text before the reverse-video prompt on the same line stays; only the prompt is cut.
    const mixed = 'end of page \x1b[1;7mMore\x1b[0m';
    expect(common.answer('end of page More', raw(mixed))?.dropChars).toBe(mixed.length - 'end of page '.length);
  });

  for (const line of ['core-sw1#', ' description More info', 'interface Gi1/0/1', '--More-- is not at the end here', ':', ': Saved', 'lines 1-40']) {
    it(`ignores "${line}"`, () => {
      expect(common.find(line, raw(line))).toBeUndefined();
    });
  }
});

describe('question shapes', () => {
  it('before the first prompt: questions, key presses, yes/no', () => {
    for (const line of ["(Press 'a' to accept):", 'Do you want to see the software license? [Y/n]:', 'Proceed with reload? [confirm]', 'Hit any key to start', 'Accept terms (yes/no)']) {
      expect(looksLikeQuestion(line)).toBe(true);
    }
    for (const line of ['admin@sim-juniper-junos>', 'Welcome to core-sw1', '']) expect(looksLikeQuestion(line)).toBe(false);
  });
  it('during output: a stalled configuration line is not a question, a pager prompt is', () => {
    for (const line of ['[Hit SPACE for more, Q to stop]', 'Continue? ', 'Really continue (y/n)?'].map((l) => l.trimEnd())) expect(looksLikeOutputQuestion(line)).toBe(true);
    for (const line of [' description uplink (core)', 'interface Ethernet1:', ' ip address 10.0.0.1 255.255.255.0']) expect(looksLikeOutputQuestion(line)).toBe(false);
  });
});
