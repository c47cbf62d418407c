/** The columns of the devices list, sized for the screen's width. */
import type { DeviceRow } from '../../../console/device-list-actions.js';
import { hostPort } from '../../../devices/host-port.js';
import type { Column } from '../../components/table.js';
import { count, duration } from '../../format.js';
import type { StyleRole } from '../../theme.js';

const STATE_ROLE: Record<DeviceRow['state'], StyleRole> = { ok: 'ok', failed: 'failed', never: 'never', stale: 'stale', disabled: 'muted' };

/** The last result in a word: the error code of a failure, changed / unchanged, never, disabled. */
export function resultOf(row: DeviceRow): string {
  if (!row.enabled) return 'disabled';
  if (row.lastRetrievalStatus === 'failed') return row.lastRetrievalErrorCode ?? 'failed';
  return row.lastRetrievalStatus ?? 'never';
}

/** How long ago the last retrieval was ("5 min"), or "never". */
export function ageOf(row: DeviceRow, now: Date): string {
  return row.lastRetrievalAt ? duration((now.getTime() - new Date(row.lastRetrievalAt).getTime()) / 1000) : 'never';
}

/**
 * Mark, hostname, address:port ([v6]:port), type, tags, last retrieval (age), result, versions.
 * The fixed columns fit 80 columns; hostname and tags share the rest (hostname the larger part).
 */
export function deviceColumns(width: number, marked: ReadonlyMap<string, string>, now: Date): Array<Column<DeviceRow>> {
  const fixed = 1 + 19 + 10 + 6 + 10 + 3 + 7;
  const rest = Math.max(10, width - fixed);
  const hostname = Math.max(6, Math.ceil(rest * 0.6));
  return [
    { header: ' ', width: 1, value: (d) => (marked.has(d.id) ? '*' : ' '), role: () => 'key' },
    { header: 'HOSTNAME', width: hostname, value: (d) => d.hostname },
    { header: 'ADDRESS', width: 19, value: (d) => hostPort(d.ipAddress, d.port) },
    { header: 'TYPE', width: 10, value: (d) => d.deviceType },
    { header: 'TAGS', width: Math.max(4, rest - hostname), value: (d) => d.tags.join(',') },
    { header: 'LAST', width: 6, value: (d) => ageOf(d, now), role: (d) => (d.state === 'stale' ? 'stale' : undefined) },
    { header: 'RESULT', width: 10, value: resultOf, role: (d) => STATE_ROLE[d.state] },
    { header: 'VER', width: 3, align: 'right', value: (d) => count(d.versions) },
  ];
}
