import { describe, expect, it } from 'vitest';
import { decide, MARGIN, MIN_SCORE, nextProbe, scoreDrivers, type DriverScore } from '../../../src/devices/detection/evidence-scoring.js';
import { findNonDevice } from '../../../src/devices/detection/non-devices.js';
import { isSafeProbe } from '../../../src/devices/detection/safe-probes.js';
import { allDrivers, getDriver, listDrivers } from '../../../src/devices/drivers/registry.js';
import { loadTranscript, variantsOf } from '../../support/device-simulator/index.js';
import { replayDetection } from '../../support/detection-replay.js';

const score = (driver: string, value: number): DriverScore => ({ driver, score: value, reasons: [] });

describe('detection rule', () => {
  it('a winner needs MIN_SCORE and MARGIN over the runner-up', () => {
    expect(decide([score('a', MIN_SCORE), score('b', MIN_SCORE - MARGIN)])?.driver).toBe('a');
    expect(decide([score('a', MIN_SCORE), score('b', MIN_SCORE - MARGIN + 1)])).toBeUndefined();
    expect(decide([score('a', MIN_SCORE - 1), score('b', 0)])).toBeUndefined();
    expect(decide([])).toBeUndefined();
  });

  it('probes: the command most contenders declare comes first, never one already sent, never an unsafe one', () => {
    const drivers = allDrivers();
    const none = scoreDrivers(drivers, { sshIdent: '', loginText: '', prompt: '', probes: new Map() });
    expect(nextProbe(drivers, none, new Set())).toBe('show version');
    expect(nextProbe(drivers, none, new Set(['show version']))).not.toBe('show version');
    const fortinet = scoreDrivers(drivers, { sshIdent: '', loginText: '', prompt: 'FGT60E #', probes: new Map() });
    expect(nextProbe(drivers, fortinet, new Set())).toBe('get system status');
  });

  it('only read-only probe commands pass the allow-list', () => {
    for (const ok of ['show version', 'show system info', 'display version', 'get system status', 'uname -a', 'cat /etc/os-release', '/system resource print without-paging', 'tmsh -q show sys version']) {
      expect(isSafeProbe(ok)).toBe(true);
    }
    for (const bad of ['reload', 'configure terminal', 'show version | redirect flash:x', 'show version; reload', 'show run > x', 'cat /etc/../root/x', 'write memory', 'show `reboot`', 'get system status\nexecute reboot', 'rm -rf /', '/system reboot', 'tmsh -q delete sys config', 'tmsh reboot']) {
      expect(isSafeProbe(bad)).toBe(false);
    }
  });
});

describe('every driver declares detection evidence', () => {
  for (const name of listDrivers()) {
    it(`${name}: evidence is declared, weighted 1–10, and every probe is read-only and answered by its transcript`, () => {
      const detection = getDriver(name).detection;
      expect(detection).toBeDefined();
      const all = [...(detection!.sshIdent ?? []), ...(detection!.loginText ?? []), ...(detection!.prompt ?? []), ...(detection!.probes ?? []).flatMap((p) => p.evidence)];
      expect(all.length).toBeGreaterThan(0);
      for (const evidence of all) expect(evidence.weight >= 1 && evidence.weight <= 10).toBe(true);
      // Each probe is answered by the main transcript or by a variant (a probe for another access path).
      const transcripts = [loadTranscript(name), ...variantsOf(name).map((v) => loadTranscript(name, v))];
      for (const probe of detection!.probes ?? []) {
        expect(isSafeProbe(probe.command)).toBe(true);
        expect(transcripts.some((t) => t.replies.has(probe.command)), `${name}: a transcript answers "${probe.command}"`).toBe(true);
      }
    });

    it(`${name}: its transcript is detected as ${name} and as nothing else, with at most two probes`, () => {
      const replay = replayDetection(name);
      expect(replay.winner?.driver, JSON.stringify(replay.scores.slice(0, 3))).toBe(name);
      const others = replay.scores.filter((s) => s.driver !== name);
      for (const other of others) expect(other.score).toBeLessThanOrEqual(replay.winner!.score - MARGIN);
      expect(replay.seen.probes.size).toBeLessThanOrEqual(2);
    });

    it(`${name}: nothing in its transcript looks like a printer or a console server`, () => {
      const transcript = loadTranscript(name);
      for (const text of [transcript.motd ?? '', transcript.sshIdent ?? '', ...[...transcript.replies.values()].map((r) => r.text)]) {
        expect(findNonDevice(text)).toBeUndefined();
      }
    });
  }
});
