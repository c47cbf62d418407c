/**
 * Scoring of `auto` detection: what was observed on a device against every driver's declared evidence
 * (`Driver.detection`), the decision rule, and which probe command to send next. Pure functions: the
 * session that gathers the observations is detection-session.ts.
 */
import type { DetectionEvidence, Driver } from '../drivers/driver.js';
import { isSafeProbe } from './safe-probes.js';

/** What detection saw on one device, cheapest first. */
export interface DetectionObservations {
  /** The server identification line, "SSH-2.0-Cisco-1.25" ('' when unknown). */
  sshIdent: string;
  /** The SSH authentication banner and the text before the first prompt (control sequences removed). */
  loginText: string;
  /** The confirmed prompt line ('' when the session showed none). */
  prompt: string;
  /** Output of each probe command sent (command → cleaned text). */
  probes: Map<string, string>;
}

/** One driver's score and the evidence behind it, in words for the job log. */
export interface DriverScore {
  driver: string;
  score: number;
  reasons: string[];
}

/** A driver wins with at least this score… */
export const MIN_SCORE = 10;
/** …and at least this much more than the runner-up. */
export const MARGIN = 5;
/** Probe commands sent at most per detection. */
export const MAX_PROBES = 2;

const SHOWN = 60;

function quoted(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > SHOWN ? `${flat.slice(0, SHOWN)}…` : flat);
}

function match(evidence: DetectionEvidence[] | undefined, text: string, where: string, into: DriverScore): void {
  if (text.length === 0) return;
  for (const item of evidence ?? []) {
    const found = item.pattern.exec(text);
    if (found === null) continue;
    into.score += item.weight;
    // The ident is short and telling as a whole; elsewhere the matched words are what explains the score.
    into.reasons.push(`${where} ${quoted(where === 'ssh ident' ? text : found[0])} +${item.weight}`);
  }
}

/** Scores every driver on the observations; highest first (ties by name, so the order is stable). */
export function scoreDrivers(drivers: readonly Driver[], seen: DetectionObservations): DriverScore[] {
  const scores = drivers.map((driver) => {
    const score: DriverScore = { driver: driver.name, score: 0, reasons: [] };
    const detection = driver.detection;
    match(detection.sshIdent, seen.sshIdent, 'ssh ident', score);
    match(detection.loginText, seen.loginText, 'banner', score);
    match(detection.prompt, seen.prompt, 'prompt', score);
    for (const probe of detection.probes ?? []) {
      const output = seen.probes.get(probe.command);
      if (output !== undefined) match(probe.evidence, output, `"${probe.command}" shows`, score);
    }
    return score;
  });
  return scores.sort((a, b) => b.score - a.score || a.driver.localeCompare(b.driver));
}

/** The winner when the rule is met (score ≥ MIN_SCORE and ≥ MARGIN ahead of the runner-up), else undefined. */
export function decide(scores: DriverScore[]): DriverScore | undefined {
  const [best, second] = scores;
  if (best === undefined || best.score < MIN_SCORE) return undefined;
  return best.score - (second?.score ?? 0) >= MARGIN ? best : undefined;
}

/**
 * The next probe command to send: among the drivers still in contention (any score above zero, or every
 * driver when nothing scored), the safe command declared by most of them, not yet sent; ties go to the
 * command of the highest-scoring driver, then alphabetical order. Undefined when none is left.
 */
export function nextProbe(drivers: readonly Driver[], scores: DriverScore[], sent: ReadonlySet<string>): string | undefined {
  const scored = scores.filter((s) => s.score > 0);
  const contenders = new Set((scored.length > 0 ? scored : scores).map((s) => s.driver));
  const rank = new Map(scores.map((s, i) => [s.driver, i]));
  const votes = new Map<string, { count: number; best: number }>();
  for (const driver of drivers) {
    if (!contenders.has(driver.name)) continue;
    const commands = new Set((driver.detection.probes ?? []).map((p) => p.command));
    for (const command of commands) {
      if (sent.has(command) || !isSafeProbe(command)) continue;
      const vote = votes.get(command) ?? { count: 0, best: Number.MAX_SAFE_INTEGER };
      votes.set(command, { count: vote.count + 1, best: Math.min(vote.best, rank.get(driver.name) ?? Number.MAX_SAFE_INTEGER) });
    }
  }
  const ordered = [...votes.entries()].sort(([a, x], [b, y]) => y.count - x.count || x.best - y.best || a.localeCompare(b));
  return ordered[0]?.[0];
}

/** "cisco_ios 22 (ssh ident "Cisco-1.25" +4, …)" for logs and errors. */
export function describeScore(score: DriverScore): string {
  return score.reasons.length === 0 ? `${score.driver} ${score.score}` : `${score.driver} ${score.score} (${score.reasons.join(', ')})`;
}
