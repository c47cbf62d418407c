/** Many simulated devices in one process, for sweeps and benchmarks. */
import { startSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from './simulated-device.js';

export interface SimulatedFleet {
  devices: SimulatedDevice[];
  close(): Promise<void>;
}

/** Starts n devices (hostnames prefix-0001…) sharing opts; closes the ones already started if one fails. */
export async function startSimulatedFleet(n: number, opts: SimulatedDeviceOptions & { hostnamePrefix?: string }): Promise<SimulatedFleet> {
  const devices: SimulatedDevice[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(devices.map((d) => d.close()));
  };
  const prefix = opts.hostnamePrefix ?? 'sim';
  try {
    // Batches keep the listen() burst small enough for the default backlog and file limits.
    for (let start = 0; start < n; start += 100) {
      const batch = Array.from({ length: Math.min(100, n - start) }, (_, i) =>
        startSimulatedDevice({ ...opts, hostname: `${prefix}-${String(start + i + 1).padStart(4, '0')}` }),
      );
      const settled = await Promise.allSettled(batch);
      for (const result of settled) if (result.status === 'fulfilled') devices.push(result.value);
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { devices, close };
}
