/** What a retrieval needs from the credential store: candidates in order, a login opened in memory only, outcomes. */
import type { DeviceLogin } from '../devices/fetch-configuration.js';

/** A credential that applies to a device, as the retrieval sees it: names and ids, never secrets. */
export interface LoginCandidate {
  id: string;
  name: string;
  username: string;
  /** How it logs in (for the job log); unknown sources leave it out. */
  method?: 'password' | 'key';
  /** True for the device's last good credential: the one that worked last time. */
  lastGood?: boolean;
}

export interface LoginSource {
  /** Credentials that apply to the device (a shared tag), in the order to try them: last good first. */
  candidates(deviceId: string): Promise<LoginCandidate[]>;
  /**
   * The plaintext login of a candidate this source returned; it lives only for the SSH session.
   * KEYRING_UNUSABLE when this process's keyring (not the credential) is at fault: the caller must
   * not count it against the device, another process may retrieve it.
   */
  open(candidate: LoginCandidate): Promise<DeviceLogin>;
  /** The plaintext login of a credential named by a device's jump host setting (KEYRING_UNUSABLE as for open). */
  openByName(name: string): Promise<DeviceLogin>;
  /** Counts one authentication outcome; an accepted login becomes the device's last good credential. */
  record(candidateId: string, deviceId: string, accepted: boolean): Promise<void>;
}
