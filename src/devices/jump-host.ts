/** Connects through a jump host: log into it, then forward a TCP stream to the device. */
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { NetRavenError, isNetRavenError } from '../errors.js';
import { openSshClient, type SshLogin } from './ssh-connect.js';
import { hostPort } from './host-port.js';

export interface JumpHostTarget {
  host: string;
  port: number;
  login: SshLogin;
  hostKeyFingerprint: string | null;
}

/** Opens the jump host connection and a forwarded stream to device host:port; returns both for cleanup. */
export async function openJumpStream(
  jump: JumpHostTarget,
  device: { label: string; host: string; port: number },
  connectTimeoutMs: number,
  track: (client: Client) => void,
): Promise<Duplex> {
  const label = `jump host ${hostPort(jump.host, jump.port)} (for ${device.label})`;
  let opened;
  try {
    opened = await openSshClient(
      { label, host: jump.host, port: jump.port, hostKeyFingerprint: jump.hostKeyFingerprint, login: jump.login, onClient: track },
      connectTimeoutMs,
    );
  } catch (err) {
    // The device login was never tried: report the jump host as the reason the device cannot be reached,
    // so the caller does not burn through the device's other credentials.
    if (isNetRavenError(err, 'AUTH_FAILED')) {
      throw new NetRavenError('UNREACHABLE', `${label}: the jump host refused its own login; fix the jump host credential`, {
        details: { ...err.details, stage: 'jump-host' },
      });
    }
    if (isNetRavenError(err)) err.details.stage = `jump-host ${String(err.details.stage ?? '')}`.trim();
    throw err;
  }
  return new Promise<Duplex>((resolve, reject) => {
    opened.client.forwardOut('127.0.0.1', 0, device.host, device.port, (err, stream) => {
      if (err) {
        reject(
          new NetRavenError('UNREACHABLE', `${label}: the jump host could not reach ${hostPort(device.host, device.port)} (${err.message}); check the address and that the jump host may reach it`, {
            details: { host: device.host, port: device.port, stage: 'jump-forward', cause: err.message },
          }),
        );
        return;
      }
      resolve(stream);
    });
  });
}
