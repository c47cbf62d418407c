/**
 * How often a cron expression fires, and the rule that no schedule fires more often than
 * `schedules.min_interval_seconds` (default 300, 5 minutes): a cron of `* * * * * *` would start a sweep
 * every second. Checked when a schedule or a schedule setting is written, and again by the
 * scheduler before it arms a definition (rows written before the rule, or by hand).
 */
import { createTask, parse } from 'node-cron';
import { NetRavenError } from '../errors.js';

const DAY_SECONDS = 86_400;
// Four years: every combination of weekday, day of month, month and leap day has come round.
const DAYS_CHECKED = 1_461;

function numbers(values: ReadonlyArray<number | string>): number[] {
  return values.filter((v): v is number => typeof v === 'number');
}

/** True when two consecutive calendar days can both match (then the last tick of one day and the first of the next are neighbours). */
function consecutiveDaysMatch(expression: string, firstOfDay: number): boolean {
  const matcher = createTask(expression, () => undefined);
  try {
    const day = new Date(2024, 0, 1, Math.floor(firstOfDay / 3600), Math.floor(firstOfDay / 60) % 60, firstOfDay % 60);
    let previous = false;
    for (let i = 0; i < DAYS_CHECKED; i++, day.setDate(day.getDate() + 1)) {
      const matches = matcher.match(day);
      if (matches && previous) return true;
      previous = matches;
    }
    return false;
  } finally {
    void matcher.destroy();
  }
}

/**
 * The shortest time between two consecutive ticks of a valid cron expression, in seconds:
 * between the allowed times of one day, and across midnight when two consecutive days can
 * both match. Local time; a daylight-saving jump is not counted.
 */
export function shortestIntervalSeconds(expression: string): number {
  const fields = parse(expression);
  const times: number[] = [];
  for (const h of numbers(fields.hour)) for (const m of numbers(fields.minute)) for (const s of numbers(fields.second)) times.push(h * 3600 + m * 60 + s);
  times.sort((a, b) => a - b);
  let shortest = Infinity;
  for (let i = 1; i < times.length; i++) shortest = Math.min(shortest, times[i]! - times[i - 1]!);
  const acrossMidnight = DAY_SECONDS - times[times.length - 1]! + times[0]!;
  if (acrossMidnight < shortest && consecutiveDaysMatch(expression, times[0]!)) shortest = acrossMidnight;
  return shortest;
}

function duration(seconds: number): string {
  if (seconds % 60 !== 0 || seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = seconds / 60;
  return minutes % 60 === 0 && minutes >= 60 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Undefined when `cron` fires at most every `minSeconds`, else the reason ("runs every 1 second; …"). */
export function tooFrequent(cron: string, minSeconds: number): string | undefined {
  const every = shortestIntervalSeconds(cron);
  if (every >= minSeconds) return undefined;
  return `runs as often as every ${duration(every)}; schedules may run at most every ${duration(minSeconds)} (setting schedules.min_interval_seconds)`;
}

/** Refuses (SCHEDULE_TOO_FREQUENT) a valid cron expression that fires more often than every `minSeconds`. */
export function assertScheduleInterval(what: string, cron: string, minSeconds: number): void {
  const reason = tooFrequent(cron, minSeconds);
  if (reason) throw new NetRavenError('SCHEDULE_TOO_FREQUENT', `${what} "${cron}" ${reason}: choose a longer interval`, { details: { cron, minSeconds } });
}
