/** How numbers, times and cells are written on screen (no colour, no Ink). */
import stringWidth from 'string-width';

/** 1,204 */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 device", "1,204 devices": a count and its noun (plural with an s). */
export function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** "12 s", "5 min", "3 h", "4 d" for a duration in seconds (rounded down; negative counts as 0). */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min`;
  if (s < 172_800) return `${Math.floor(s / 3_600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** How long ago: "5 min ago"; "never" for null. */
export function ago(at: Date | null, now = new Date()): string {
  return at ? `${duration((now.getTime() - at.getTime()) / 1000)} ago` : 'never';
}

/** How long until: "in 3 h". */
export function until(at: Date, now = new Date()): string {
  return `in ${duration((at.getTime() - now.getTime()) / 1000)}`;
}

/** 14:05 (local time). */
export function clock(at: Date): string {
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** 2026-11-28 14:05 (local time). */
export function dateTime(at: Date): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** 812 B, 48.2 KB, 5.1 MB (powers of 1,024). */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Text cut into rows of at most `width` columns (wide characters count twice), at a space when
 * the row has one, else anywhere: for a text that must scroll whole (an error in full).
 */
export function wrapText(text: string, width: number): string[] {
  const rows: string[] = [];
  let row: string[] = [];
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > width && row.length > 0) {
      const space = row.lastIndexOf(' ');
      const rest = space > 0 ? row.splice(space + 1) : [];
      rows.push(row.join('').trimEnd());
      row = rest;
      used = stringWidth(rest.join(''));
    }
    row.push(ch);
    used += w;
  }
  if (row.length > 0 || rows.length === 0) rows.push(row.join(''));
  return rows;
}

/** Tabs become spaces up to the next multiple of `size` columns (a terminal's tab stops). */
export function expandTabs(text: string, size = 8): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let column = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const pad = size - (column % size);
      out += ' '.repeat(pad);
      column += pad;
    } else {
      out += ch;
      column += stringWidth(ch);
    }
  }
  return out;
}

/** Cuts text to `width` columns (wide characters count twice), ending with … when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Text cut or padded to exactly `width` columns. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - stringWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

export { stringWidth };

/** Text cut into rows of at most `width` columns (wide characters count twice), for wrapped lines. */
export function hardWrap(text: string, width: number): string[] {
  if (width <= 0) return [text];
  if (stringWidth(text) <= width) return [text];
  const rows: string[] = [];
  let row = '';
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > width && row) {
      rows.push(row);
      row = '';
      used = 0;
    }
    row += ch;
    used += w;
  }
  if (row || rows.length === 0) rows.push(row);
  return rows;
}
