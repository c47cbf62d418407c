/** The device screen's upper pane as lines of text with their colour roles: identity, host keys, credentials, the last result and error in full. */
import type { DeviceView } from '../../../console/device-actions.js';
import { hostPort } from '../../../devices/host-port.js';
import { ago, wrapText } from '../../format.js';
import type { StyleRole } from '../../theme.js';

export interface DetailLine {
  text: string;
  role?: StyleRole;
}

function credentialsLine({ device, credentials }: DeviceView): string {
  if (credentials.length === 0) {
    const last = device.lastGoodCredential ? ` (last worked: ${device.lastGoodCredential}, which no longer shares a tag with it)` : '';
    return `credentials none share a tag with this device${last}`;
  }
  const names = credentials.map((c) => `${c.name}${c.method === 'key' ? ' (key)' : ''}${c.lastGood ? ' (last worked)' : ''}`).join(', ');
  const elsewhere = device.lastGoodCredential && !credentials.some((c) => c.lastGood) ? `; last worked: ${device.lastGoodCredential} (no longer applies)` : '';
  return `credentials ${names}${elsewhere}`;
}

function lastRetrieval(view: DeviceView, now: Date): DetailLine {
  const d = view.device;
  if (!d.lastRetrievalAt) return { text: 'last retrieval never', role: 'never' };
  const result = d.lastRetrievalStatus === 'failed' ? `failed ${d.lastRetrievalErrorCode ?? ''}`.trim() : (d.lastRetrievalStatus ?? '');
  return { text: `last retrieval ${ago(new Date(d.lastRetrievalAt), now)}: ${result}`, role: d.lastRetrievalStatus === 'failed' ? 'failed' : 'ok' };
}

/** The lines, wrapped to `width` so that every one of them can be scrolled to. */
export function detailLines(view: DeviceView, width: number, now: Date): DetailLine[] {
  const d = view.device;
  const facts = [d.vendor && `vendor ${d.vendor}`, d.model && `model ${d.model}`, d.osVersion && `OS ${d.osVersion}`, d.serial && `serial ${d.serial}`].filter(Boolean).join(' · ');
  const lines: DetailLine[] = [
    { text: `${d.hostname} · ${hostPort(d.ipAddress, d.port)} · ${d.deviceType} · ${d.enabled ? 'enabled' : 'disabled'} · ${d.versions} version${d.versions === 1 ? '' : 's'}`, role: 'title' },
    { text: facts || 'vendor, model, OS and serial are learnt at the first retrieval', role: facts ? undefined : 'muted' },
    { text: `tags ${d.tags.length > 0 ? d.tags.join(', ') : 'none'}` },
    { text: `host key ${d.hostKeyFingerprint ?? 'none yet (trusted at the first retrieval)'}` },
  ];
  if (d.presentedHostKeyFingerprint) {
    lines.push({ text: `presented ${d.presentedHostKeyFingerprint} instead: H accepts it once you know why it changed`, role: 'failed' });
  }
  lines.push({ text: credentialsLine(view) }, lastRetrieval(view, now));
  if (d.lastRetrievalError) lines.push({ text: `error ${d.lastRetrievalError}`, role: 'failed' });
  if (d.description) lines.push({ text: `description ${d.description}`, role: 'muted' });
  return lines.flatMap((line) => wrapText(line.text.replace(/[\r\n\t]+/g, ' '), Math.max(10, width)).map((text) => ({ text, role: line.role })));
}
