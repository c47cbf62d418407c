/** Shared set-up for integration tests: small limits and endpoint/login builders for simulated devices. */
import { DEFAULT_LIMITS, fetchConfiguration, type DeviceEndpoint, type DeviceLogin, type FetchOptions } from '../../../src/devices/fetch-configuration.js';
import { NetRavenError } from '../../../src/errors.js';
import type { SimulatedDevice } from '../../support/device-simulator/index.js';

/** Small timeouts so failure tests stay fast; a healthy local device answers in milliseconds. */
export const TEST_OPTIONS: FetchOptions = {
  ...DEFAULT_LIMITS,
  connectTimeoutMs: 5_000,
  loginTimeoutMs: 5_000,
  idleTimeoutMs: 5_000,
  overallTimeoutMs: 20_000,
  redactSecrets: false,
};

export const ADMIN: DeviceLogin = { username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass' };

/** Endpoint for a simulated device (trust on first use unless a fingerprint is given). */
export function endpointFor(dev: SimulatedDevice, extra: Partial<DeviceEndpoint> = {}): DeviceEndpoint {
  return { hostname: dev.hostname, host: dev.host, port: dev.port, driver: dev.driver, hostKeyFingerprint: null, ...extra };
}

/** Fetches from a simulated device with the test defaults. */
export function fetchFrom(dev: SimulatedDevice, options: Partial<FetchOptions> = {}, login: DeviceLogin = ADMIN, extra: Partial<DeviceEndpoint> = {}) {
  return fetchConfiguration(endpointFor(dev, extra), login, { ...TEST_OPTIONS, ...options });
}

/** Awaits a promise that must reject with a NetRavenError and returns that error. */
export async function expectFailure(promise: Promise<unknown>): Promise<NetRavenError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NetRavenError) return err;
    throw new Error(`expected a NetRavenError, got ${String(err)}`);
  }
  throw new Error('expected the fetch to fail, but it succeeded');
}

/** Tracks devices started in a test so afterEach can always close them. */
export class DeviceHarness {
  private readonly devices: { close(): Promise<void> }[] = [];
  /** Registers a started device (or fleet) and returns it. */
  add<T extends { close(): Promise<void> }>(device: T): T {
    this.devices.push(device);
    return device;
  }
  /** Closes everything registered, even when a test failed. */
  async closeAll(): Promise<void> {
    const all = this.devices.splice(0);
    await Promise.allSettled(all.map((d) => d.close()));
  }
}
