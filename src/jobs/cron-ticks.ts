import { createTask, parse, validateDetailed } from 'node-cron';
import { assertWithinLimit } from '../config/input-limits.js';
import { NetRavenError } from '../errors.js';

const DAY_MS = 86_400_000;
/** How far back a missed run is looked for: a yearly schedule missed during a long downtime still runs once. */
const MAX_LOOKBACK_DAYS = 400;

/** Checks a cron expression; CRON_INVALID names the faulty field and why, INPUT_INVALID when it is longer than INPUT_LIMITS.cron. */
export function assertCronExpression(expression: string): string {
  assertWithinLimit('cron expression', expression, 'cron');
  const text = expression.trim().replace(/\s+/g, ' ');
  const result = validateDetailed(text);
  if (!result.valid) {
    const reasons = result.errors.map((e) => (e.field === 'expression' ? e.message : `${e.field}: ${e.message}`)).join('; ');
    throw new NetRavenError('CRON_INVALID', `invalid cron expression "${expression}": ${reasons}. Use 5 fields (minute hour day-of-month month day-of-week, e.g. "0 2 * * *") or 6 with seconds first`);
  }
  return text;
}

function descending(values: ReadonlyArray<number | string>): number[] {
  return values.filter((v): v is number => typeof v === 'number').sort((a, b) => b - a);
}

/**
 * The latest tick of `expression` at or before `atOrBefore` and strictly after `after`, in
 * local time, or undefined when there is none in that window. node-cron only looks forward,
 * so this walks days backwards: one match() per day decides the day (day-of-month, month,
 * weekday, "L", "1#2"…), then the largest allowed hour:minute:second that is not in the future.
 */
export function previousTick(expression: string, atOrBefore: Date, after: Date): Date | undefined {
  const fields = parse(expression);
  const [seconds, minutes, hours] = [descending(fields.second), descending(fields.minute), descending(fields.hour)];
  const matcher = createTask(expression, () => undefined);
  try {
    const lowest = Math.max(after.getTime(), atOrBefore.getTime() - MAX_LOOKBACK_DAYS * DAY_MS);
    const day = new Date(atOrBefore.getFullYear(), atOrBefore.getMonth(), atOrBefore.getDate());
    for (let i = 0; i <= MAX_LOOKBACK_DAYS && day.getTime() + DAY_MS > lowest; i++) {
      const probe = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours[0]!, minutes[0]!, seconds[0]!);
      if (matcher.match(probe)) {
        const tick = latestTimeOfDay(day, atOrBefore, { seconds, minutes, hours });
        if (tick && tick.getTime() > after.getTime()) return tick;
        if (tick) return undefined;
      }
      day.setDate(day.getDate() - 1);
    }
    return undefined;
  } finally {
    void matcher.destroy();
  }
}

/** The latest allowed time on `day` that is not after `limit` (only the limit's own day is cut short). */
function latestTimeOfDay(day: Date, limit: Date, sets: { seconds: number[]; minutes: number[]; hours: number[] }): Date | undefined {
  for (const h of sets.hours) {
    for (const m of sets.minutes) {
      for (const s of sets.seconds) {
        const candidate = new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, m, s);
        if (candidate.getTime() <= limit.getTime()) return candidate;
      }
    }
  }
  return undefined;
}
