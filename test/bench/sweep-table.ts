/** The sweep benchmark's result table: medians per column and ratios to the asyncssh floor. */

/** One measured process of the sweep benchmark. */
export interface SweepRow {
  label: string;
  devices: number;
  /** Spawn to exit (start-up included), s. */
  wallSeconds: number;
  /** What the process measured itself, first connection to last device (floors); the wall time otherwise, s. */
  insideSeconds: number;
  cpuSeconds: number;
  /** Kernel part of cpuSeconds (NaN when unknown). */
  systemSeconds: number;
  peakRssMiB: number;
  fleetCpuSeconds: number;
  postgresCpuSeconds: number;
  /** 1-minute load average when the run ended. */
  load: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of every numeric column of rows with one label (medians taken per column). */
export function medianRow(rows: SweepRow[]): SweepRow {
  const of = (pick: (r: SweepRow) => number) => median(rows.map(pick));
  return {
    label: rows[0]!.label,
    devices: rows[0]!.devices,
    wallSeconds: of((r) => r.wallSeconds),
    insideSeconds: of((r) => r.insideSeconds),
    cpuSeconds: of((r) => r.cpuSeconds),
    systemSeconds: of((r) => r.systemSeconds),
    peakRssMiB: Math.max(...rows.map((r) => r.peakRssMiB)),
    fleetCpuSeconds: of((r) => r.fleetCpuSeconds),
    postgresCpuSeconds: of((r) => r.postgresCpuSeconds),
    load: of((r) => r.load),
  };
}

/**
 * Prints one N's table (markdown). NetRaven's devices/s is end to end (spawn to exit of `netraven retrieve --all`);
 * the ratio divides it by the asyncssh floor's devices/s inside its script (the stricter of its two times).
 */
export function printTable(n: number, rows: SweepRow[]): void {
  const floor = rows.find((r) => r.label.startsWith('floor: asyncssh'));
  const floorRate = floor === undefined ? undefined : floor.devices / floor.insideSeconds;
  console.log(`\nN = ${n} (medians; peak RSS is the maximum)`);
  console.log('| run | devices/s end to end | devices/s inside | % of asyncssh floor | CPU ms/device (system) | peak RSS | fleet CPU | PostgreSQL CPU | load |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const rate = r.devices / r.wallSeconds;
    const ratio = floorRate === undefined || r === floor ? '—' : `${((rate / floorRate) * 100).toFixed(0)} %`;
    console.log(
      `| ${r.label} | ${rate.toFixed(1)} | ${(r.devices / r.insideSeconds).toFixed(1)} | ${ratio} | ${((r.cpuSeconds * 1000) / r.devices).toFixed(2)} (${Number.isNaN(r.systemSeconds) ? '?' : ((r.systemSeconds * 1000) / r.devices).toFixed(2)}) | ${r.peakRssMiB.toFixed(0)} MiB | ${r.fleetCpuSeconds.toFixed(1)} s | ${r.postgresCpuSeconds.toFixed(1)} s | ${r.load.toFixed(2)} |`,
    );
  }
}
