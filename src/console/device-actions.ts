/** One device as its screens show it: identity, credentials, history, a version's text, a diff; accepting its new host key. */
import { credentialNamesFor, type ApplyingCredential } from '../credentials/credential-selection.js';
import { deviceDetail, type DeviceDetail } from '../db/queries/device-detail.js';
import type { Slice, SliceRequest } from '../db/queries/keyset-window.js';
import { previousVersionId, storedVersion, versionHistorySlice, type StoredVersion, type VersionRow } from '../db/queries/version-history.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { unifiedDiffAsync } from '../retrieval/configs/config-diff.js';
import { acceptPresentedHostKey, type HostKeyChange } from '../retrieval/inventory/host-key-acceptance.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';

export type { DeviceDetail } from '../db/queries/device-detail.js';
export type { HostKeyChange } from '../retrieval/inventory/host-key-acceptance.js';
export type { StoredVersion, VersionRow } from '../db/queries/version-history.js';

/** The device screen's data. */
export interface DeviceView {
  device: DeviceDetail;
  /** Credentials sharing a tag with it, in the order a retrieval tries them (names only). */
  credentials: ApplyingCredential[];
}

/** Two versions of a device and the unified diff from the older to the newer (empty when equal). */
export interface ConfigurationDiff {
  hostname: string;
  from: Omit<StoredVersion, 'content'>;
  to: Omit<StoredVersion, 'content'>;
  /** The unified diff, one line per entry (file headers, hunks). */
  lines: string[];
}

export interface DeviceActions {
  /** The device with its credentials; NOT_FOUND when it was removed. */
  device(deviceId: string): Promise<DeviceView>;
  /** A slice of its stored versions, newest first. */
  versionPage(deviceId: string, request: SliceRequest): Promise<Slice<VersionRow>>;
  /** One stored version with its content; NOT_FOUND when it is gone (purged, device removed). */
  configuration(configurationId: string): Promise<StoredVersion>;
  /**
   * The diff of version `toId` against `fromId` (the older of the two goes first whatever the
   * order given), or against the version stored before it when `fromId` is left out. NOT_FOUND
   * for a missing version or a first version without fromId; INPUT_INVALID for versions of two
   * devices or two texts too different to diff in time.
   */
  configurationDiff(toId: string, fromId?: string): Promise<ConfigurationDiff>;
  /** Trusts the key the device presented at its last HOST_KEY_MISMATCH if both keys are still as shown (HOST_KEY_CHANGED_MEANWHILE otherwise). */
  acceptHostKey(deviceId: string, change: HostKeyChange): Promise<{ hostname: string }>;
}

// Trusting another host key decides who receives the device credentials: an admin's call.
export const DEVICE_ACTIONS: Record<keyof DeviceActions, ActionClass> = {
  device: 'read',
  versionPage: 'read',
  configuration: 'read',
  configurationDiff: 'read',
  acceptHostKey: 'operate',
};

function versionNotFound(configurationId: string): NetRavenError {
  return new NetRavenError('NOT_FOUND', `configuration version ${configurationId} no longer exists (purged, or its device was removed)`, { details: { configurationId } });
}

function withoutContent(version: StoredVersion): Omit<StoredVersion, 'content'> {
  const { content: _content, ...rest } = version;
  return rest;
}

export function deviceActions(ctx: ConsoleContext): DeviceActions {
  return {
    device: (deviceId) =>
      inReadOnlyTransaction(ctx.knex, async (trx) => {
        const device = await deviceDetail(trx, deviceId);
        if (device === null) throw new NetRavenError('NOT_FOUND', `device ${deviceId} no longer exists`, { details: { deviceId } });
        return { device, credentials: await credentialNamesFor(trx, deviceId) };
      }),
    versionPage: (deviceId, request) => inReadOnlyTransaction(ctx.knex, (trx) => versionHistorySlice(trx, deviceId, request)),
    async configuration(configurationId) {
      const version = await inReadOnlyTransaction(ctx.knex, (trx) => storedVersion(trx, configurationId));
      if (version === null) throw versionNotFound(configurationId);
      return version;
    },
    async configurationDiff(toId, fromId) {
      const [older, newer] = await inReadOnlyTransaction(ctx.knex, async (trx) => {
        const to = await storedVersion(trx, toId);
        if (to === null) throw versionNotFound(toId);
        const otherId = fromId ?? (await previousVersionId(trx, toId));
        if (otherId === null) throw new NetRavenError('NOT_FOUND', `${to.hostname}: version ${toId.slice(0, 8)} is its first stored version: nothing before it to compare with`, { details: { configurationId: toId } });
        const from = await storedVersion(trx, otherId);
        if (from === null) throw versionNotFound(otherId);
        if (from.deviceId !== to.deviceId) throw new NetRavenError('INPUT_INVALID', `versions ${from.id.slice(0, 8)} and ${to.id.slice(0, 8)} belong to two devices (${from.hostname}, ${to.hostname}): mark two versions of one device`);
        return from.retrievedAt <= to.retrievedAt ? [from, to] : [to, from];
      });
      const diff = await unifiedDiffAsync(newer.hostname, older, newer);
      return { hostname: newer.hostname, from: withoutContent(older), to: withoutContent(newer), lines: diff === '' ? [] : diff.replace(/\n$/, '').split('\n') };
    },
    acceptHostKey: (deviceId, change) => acceptPresentedHostKey(ctx.knex, deviceId, change),
  };
}
