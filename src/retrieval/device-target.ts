/** A device as a retrieval reads it, and the SSH endpoint built from it (ssh_options validated here). */
import { z } from 'zod';
import type { DeviceEndpoint } from '../devices/fetch-configuration.js';
import { NetRavenError } from '../errors.js';

/** The columns a retrieval needs; selected explicitly, never `*`. */
export interface DeviceTarget {
  id: string;
  hostname: string;
  ipAddress: string;
  port: number;
  deviceType: string;
  sshOptions: Record<string, unknown>;
  hostKeyFingerprint: string | null;
}

export const DEVICE_TARGET_COLUMNS = ['id', 'hostname', 'ipAddress', 'port', 'deviceType', 'sshOptions', 'hostKeyFingerprint'] as const;

const algorithmList = z.array(z.string().min(1).max(100)).min(1).max(50);

/** devices.ssh_options: per-device algorithm lists (each replaces the driver/default list) and a jump host. */
export const sshOptionsSchema = z
  .object({
    algorithms: z
      .object({ kex: algorithmList.optional(), cipher: algorithmList.optional(), serverHostKey: algorithmList.optional(), hmac: algorithmList.optional() })
      .strict()
      .optional(),
    jumpHost: z
      .object({
        host: z.string().min(1).max(253),
        port: z.number().int().min(1).max(65535).default(22),
        /** Name of the credential the jump host login uses. */
        credential: z.string().min(1).max(200),
        hostKeyFingerprint: z.string().min(1).max(200).nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type SshOptions = z.infer<typeof sshOptionsSchema>;

/** Validates a device's ssh_options; INPUT_INVALID names the device, the field and the rule. */
export function parseSshOptions(hostname: string, value: unknown): SshOptions {
  const parsed = sshOptionsSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'ssh_options';
  throw new NetRavenError('INPUT_INVALID', `device ${hostname}: ssh_options.${where}: ${issue.message}; fix the device's SSH options`, {
    details: { hostname, field: where },
  });
}

/** The endpoint for the devices layer; the jump host login is resolved by the caller (it needs a credential). */
export function endpointOf(device: DeviceTarget, options: SshOptions): Omit<DeviceEndpoint, 'jumpHost'> {
  return {
    hostname: device.hostname,
    host: device.ipAddress,
    port: device.port,
    driver: device.deviceType,
    hostKeyFingerprint: device.hostKeyFingerprint,
    algorithms: options.algorithms,
  };
}
