/** The columns of a device's configuration history. */
import type { VersionRow } from '../../../console/device-actions.js';
import type { Column } from '../../components/table.js';
import { bytes, count, dateTime } from '../../format.js';

/** "+12 −3", "≈+12 −3" when only counted, "first" for a first version. */
export function changesOf(row: VersionRow): string {
  if (row.first) return 'first version';
  if (!row.lineChanges) return 'not recorded';
  const { added, removed, approximate } = row.lineChanges;
  return `${approximate ? '≈' : ''}+${count(added)} −${count(removed)}`;
}

export function versionColumns(marked: ReadonlySet<string>): Array<Column<VersionRow>> {
  return [
    { header: ' ', width: 1, value: (v) => (marked.has(v.id) ? '*' : ' '), role: () => 'key' },
    { header: 'RETRIEVED', width: 16, value: (v) => dateTime(v.retrievedAt) },
    { header: 'SIZE', width: 9, align: 'right', value: (v) => bytes(v.sizeBytes) },
    { header: 'VERSION', width: 8, value: (v) => v.id.slice(0, 8) },
    { header: 'JOB', width: 8, value: (v) => (v.jobId ? v.jobId.slice(0, 8) : '(purged)') },
    { header: 'LINES CHANGED', width: 'grow', value: changesOf, role: (v) => (v.first ? 'muted' : undefined) },
  ];
}
