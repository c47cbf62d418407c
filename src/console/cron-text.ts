/**
 * Cron expressions for people: in words (cronstrue) and their next fire times (cron-parser).
 * Both accept the 5-field form and the 6-field form with seconds first, as node-cron does.
 */
import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';

/** "At 02:00" for "0 2 * * *"; the expression itself when it cannot be put into words. */
export function cronInWords(expression: string): string {
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return expression;
  }
}

/** The next `count` fire times after `from` (local time zone, as the scheduler fires them); [] for an expression cron-parser refuses. */
export function nextFireTimes(expression: string, count: number, from = new Date()): Date[] {
  try {
    const parsed = CronExpressionParser.parse(expression, { currentDate: from });
    return Array.from({ length: count }, () => parsed.next().toDate());
  } catch {
    return [];
  }
}

/**
 * The longest gap between consecutive fire times among the next eight, in seconds: the
 * interval a device covered by this schedule should be retrieved within. The longest, so a
 * weekdays-only schedule does not call every device stale on Monday morning.
 */
export function cronIntervalSeconds(expression: string, from = new Date()): number | null {
  const times = nextFireTimes(expression, 9, from);
  if (times.length < 2) return null;
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]!.getTime() - times[i - 1]!.getTime());
  return longest / 1000;
}
