/**
 * `device_type auto`: logs into a device once to find out which driver fits it. Order: the SSH server
 * identification and authentication banner (before any credential: a console server or printer is refused
 * there), then the login text and prompt, then at most two read-only probe commands. The driver with the
 * strongest evidence wins by the rule in evidence-scoring.ts; anything else is DRIVER_UNDETECTED.
 */
import { NetRavenError } from '../../errors.js';
import { allDrivers } from '../drivers/registry.js';
import type { SessionLimits } from '../session-limits.js';
import type { OpenedClient, PreAuthSeen } from '../ssh-connect.js';
import { observeDevice, nonDeviceError } from './detection-session.js';
import { decide, describeScore, type DetectionObservations, type DriverScore } from './evidence-scoring.js';

/** What detection found: the driver, the evidence behind it (for the job log) and the runner-up. */
export interface DetectedPlatform {
  driver: string;
  score: number;
  reasons: string[];
  runnerUp?: { driver: string; score: number };
  /** Probe commands that were sent (never anything else). */
  probes: string[];
  hostKeyFingerprint: string;
}

export interface DetectOptions {
  label: string;
  limits: SessionLimits;
  aborted: Promise<never>;
}

/** Candidates worth naming in an error: every driver that scored, at most five. */
function candidates(scores: DriverScore[]): DriverScore[] {
  return scores.filter((s) => s.score > 0).slice(0, 5);
}

function undetected(label: string, seen: DetectionObservations, scores: DriverScore[]): NetRavenError {
  const named = candidates(scores);
  const shownPrompt = seen.prompt.length > 0 ? `prompt ${JSON.stringify(seen.prompt.slice(0, 60))}` : 'no prompt';
  const probes = seen.probes.size === 0 ? 'no probe' : `probes ${[...seen.probes.keys()].map((c) => JSON.stringify(c)).join(', ')}`;
  const why =
    named.length === 0
      ? `no driver's evidence matched (${shownPrompt}, ${probes})`
      : `the evidence is not decisive (${shownPrompt}, ${probes}); candidates: ${named.map(describeScore).join('; ')}`;
  return new NetRavenError('DRIVER_UNDETECTED', `${label}: the platform could not be detected: ${why}; set the device_type by hand (netraven drivers list), nothing was stored`, {
    details: { stage: 'detection', candidates: named.map((s) => ({ driver: s.driver, score: s.score })) },
  });
}

/**
 * Detects the platform of a device. `connect(preAuth)` opens the SSH client (jump host included) and must
 * pass preAuth on to openSshClient. Rejects with DRIVER_UNDETECTED (ambiguous, unknown, console server,
 * printer) or any login failure (AUTH_FAILED, TIMEOUT…); the client is always closed afterwards.
 */
export async function detectPlatform(connect: (preAuth: (seen: PreAuthSeen) => NetRavenError | undefined) => Promise<OpenedClient>, options: DetectOptions): Promise<DetectedPlatform> {
  const drivers = allDrivers();
  const seen: DetectionObservations = { sshIdent: '', loginText: '', prompt: '', probes: new Map() };
  const opened = await connect((pre) => {
    seen.sshIdent = pre.ident;
    seen.loginText = pre.banner;
    return nonDeviceError(options.label, `${pre.ident}\n${pre.banner}`, 'no credential was sent');
  });
  try {
    const scores = await observeDevice(opened.client, { label: options.label, limits: options.limits, drivers, seen, aborted: options.aborted });
    const winner = decide(scores);
    if (winner === undefined) throw undetected(options.label, seen, scores);
    const runnerUp = scores.find((s) => s.driver !== winner.driver);
    return {
      driver: winner.driver,
      score: winner.score,
      reasons: winner.reasons,
      runnerUp: runnerUp === undefined ? undefined : { driver: runnerUp.driver, score: runnerUp.score },
      probes: [...seen.probes.keys()],
      hostKeyFingerprint: opened.hostKeyFingerprint,
    };
  } finally {
    opened.client.end();
  }
}
