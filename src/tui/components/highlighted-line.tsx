/**
 * One line of device text with every occurrence of a search text highlighted (the `match`
 * role: reverse video without colour), sanitised, tabs expanded, cut to its width. When the
 * first match lies beyond the width, the line is shown from a little before it (`…` first).
 */
import { Text } from 'ink';
import React from 'react';
import { sanitiseLine } from '../../sanitise.js';
import { useTheme } from '../context/theme.js';
import { expandTabs, stringWidth } from '../format.js';
import type { TextStyle } from '../theme.js';

export interface Segment {
  text: string;
  match: boolean;
}

/** Context kept before a match that had to be scrolled into view (columns). */
const LEAD = 8;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Cuts segments to `width` columns, ending with … when cut. */
function cutTo(segments: Segment[], width: number): Segment[] {
  if (segments.reduce((n, s) => n + stringWidth(s.text), 0) <= width) return segments;
  const room = Math.max(0, width - 1);
  const out: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    let text = '';
    for (const ch of segment.text) {
      const w = stringWidth(ch);
      if (used + w > room) {
        if (text) out.push({ text, match: segment.match });
        out.push({ text: '…', match: false });
        return out;
      }
      text += ch;
      used += w;
    }
    if (text) out.push({ text, match: segment.match });
  }
  return out;
}

/** The line split into plain and matching parts (case-insensitive, `find` taken literally), fitted to `width` columns. */
export function highlightSegments(line: string, find: string, width: number): Segment[] {
  let text = sanitiseLine(expandTabs(line));
  const needle = sanitiseLine(find);
  if (!needle) return cutTo([{ text, match: false }], width);
  const pattern = new RegExp(escapeRegExp(needle), 'giu');
  const first = pattern.exec(text);
  if (first && stringWidth(text.slice(0, first.index + first[0].length)) > width - 1) {
    const from = Math.max(0, first.index - LEAD);
    text = `…${text.slice(from)}`;
  }
  const segments: Segment[] = [];
  let at = 0;
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) segments.push({ text: text.slice(at, match.index), match: false });
    segments.push({ text: match[0], match: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return cutTo(segments, width);
}

export function HighlightedLine({ line, find, width, style }: { line: string; find: string; width: number; style?: TextStyle }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text {...style} wrap="truncate-end">
      {highlightSegments(line, find, width).map((segment, i) =>
        segment.match ? (
          <Text key={i} {...theme.style('match')}>
            {segment.text}
          </Text>
        ) : (
          segment.text
        ),
      )}
    </Text>
  );
}
