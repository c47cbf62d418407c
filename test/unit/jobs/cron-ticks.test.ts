import { describe, expect, it } from 'vitest';
import { assertCronExpression, previousTick } from '../../../src/jobs/cron-ticks.js';
import { refused } from '../../support/refused.js';

const at = (text: string) => new Date(text);
const EPOCH = new Date(0);

describe('cron expressions', () => {
  it.each([
    ['61 * * * *', 'minute: 61 is a invalid expression for minute'],
    ['0 25 * * *', 'hour'],
    ['0 0 32 * *', 'day'],
    ['every night', 'expected 5 or 6 fields'],
    ['', 'pattern'],
  ])('refuses %j with the reason', (expression, reason) => {
    const err = refused(() => assertCronExpression(expression));
    expect(err.code).toBe('CRON_INVALID');
    expect(err.exitCode).toBe(65);
    expect(err.message).toContain(reason);
  });

  it('accepts 5 and 6 fields and normalises spaces', () => {
    expect(assertCronExpression(' 0  2 * * * ')).toBe('0 2 * * *');
    expect(assertCronExpression('*/10 * * * * *')).toBe('*/10 * * * * *');
  });
});

describe('the latest due tick', () => {
  it.each([
    ['0 2 * * *', '2026-11-28T02:30:15', '2026-11-28T02:00:00'],
    ['0 3 * * *', '2026-11-28T02:30:15', '2026-11-27T03:00:00'],
    ['*/5 * * * *', '2026-11-28T02:34:59', '2026-11-28T02:30:00'],
    ['*/10 * * * * *', '2026-11-28T02:30:15', '2026-11-28T02:30:10'],
    ['0 2 * * *', '2026-11-28T02:00:00', '2026-11-28T02:00:00'],
    ['0 0 1 1 *', '2026-11-28T02:30:15', '2026-01-01T00:00:00'],
    ['0 0 L * *', '2026-11-28T02:30:15', '2026-10-31T00:00:00'],
    ['0 9 * * 1#2', '2026-11-28T02:30:15', '2026-11-09T09:00:00'],
    ['30 23 * * 0', '2026-11-28T02:30:15', '2026-11-22T23:30:00'],
  ])('%s at %s is %s', (expression, now, expected) => {
    expect(previousTick(expression, at(now), EPOCH)).toEqual(at(expected));
  });

  it('only counts ticks after the last one handled', () => {
    expect(previousTick('0 2 * * *', at('2026-11-28T02:30:00'), at('2026-11-28T02:00:00'))).toBeUndefined();
    expect(previousTick('0 2 * * *', at('2026-11-28T02:30:00'), at('2026-11-28T01:59:59'))).toEqual(at('2026-11-28T02:00:00'));
    // Three days of missed minutes: one answer, the latest.
    expect(previousTick('* * * * *', at('2026-11-28T02:30:40'), at('2026-11-25T00:00:00'))).toEqual(at('2026-11-28T02:30:00'));
  });

  it('gives up beyond about 400 days instead of scanning forever', () => {
    expect(previousTick('0 0 29 2 *', at('2026-11-28T00:00:00'), EPOCH)).toBeUndefined();
    expect(previousTick('0 0 29 2 *', at('2028-03-01T00:00:00'), EPOCH)).toEqual(at('2028-02-29T00:00:00'));
  });
});
