import { describe, expect, it } from 'vitest';
import { addLive, appendPage, bottomTop, firstShown, fromHead, fromTail, idAbove, prependPage, scrollBy, setFollow, type LogWindow } from '../../../src/tui/paging/log-window.js';

interface Line {
  id: string;
  level: 'info' | 'error';
}

const line = (id: number, level: Line['level'] = 'info'): Line => ({ id: String(id), level });
const range = (from: number, to: number): Line[] => Array.from({ length: to - from + 1 }, (_, i) => line(from + i));
const one = () => 1;
const all = () => true;
const ids = (w: LogWindow<Line>) => w.lines.map((l) => Number(l.id));

describe('log window', () => {
  it('compares ids as numbers', () => {
    expect(idAbove('10', '9')).toBe(true);
    expect(idAbove('9', '10')).toBe(false);
    expect(idAbove('100', '100')).toBe(false);
  });

  it('following: live lines are appended, the oldest dropped beyond capacity, the view pinned to the end', () => {
    let w = fromTail({ lines: range(1, 10), more: false, lastId: '10', total: 10 }, true, 5, one);
    expect(firstShown(w, 5, one)).toBe(5);
    w = addLive(w, range(11, 16), all, 12);
    expect(ids(w)).toEqual(range(5, 16).map((l) => Number(l.id)));
    expect(w).toMatchObject({ atStart: false, atEnd: true, completeTo: '16', total: 16 });
    expect(firstShown(w, 5, one)).toBe(7);
  });

  it('a replay after a read skips the lines it already has, and counts each line once', () => {
    let w = fromTail({ lines: range(1, 10), more: false, lastId: '10', total: 10 }, true, 5, one);
    w = addLive(w, range(8, 12), all, 100);
    expect(ids(w)).toEqual(range(1, 12).map((l) => Number(l.id)));
    expect(w.total).toBe(12);
    w = addLive(w, range(12, 13), all, 100);
    expect(w.total).toBe(13);
    expect(ids(w).at(-1)).toBe(13);
  });

  it('live lines pass the filter to be held and counted', () => {
    let w = fromTail<Line>({ lines: [], more: false, lastId: '0', total: 0 }, true, 5, one);
    w = addLive(w, [line(1), line(2, 'error'), line(3)], (l) => l.level === 'error', 100);
    expect(ids(w)).toEqual([2]);
    expect(w).toMatchObject({ total: 1, completeTo: '3', countedTo: '3' });
  });

  it('paused: the view stays; lines are added while there is room, then the window stops at its end', () => {
    let w = fromTail({ lines: range(1, 8), more: false, lastId: '8', total: 8 }, true, 5, one);
    w = scrollBy(w, -2, 5, one);
    expect(w).toMatchObject({ follow: false, top: 1 });
    w = addLive(w, range(9, 10), all, 10);
    expect(ids(w).at(-1)).toBe(10);
    expect(w).toMatchObject({ top: 1, atEnd: true, arrivedWhilePaused: 2 });
    w = addLive(w, range(11, 13), all, 10);
    expect(ids(w)).toHaveLength(10);
    expect(w).toMatchObject({ atEnd: false, total: 13, arrivedWhilePaused: 5, top: 1 });
    // Not at the end: later lines are only counted.
    w = addLive(w, range(14, 14), all, 10);
    expect(ids(w)).toHaveLength(10);
    expect(w.total).toBe(14);
  });

  it('scrolling down onto the last line of a window at the end follows again', () => {
    let w = fromTail({ lines: range(1, 20), more: true, lastId: '20', total: 50 }, true, 5, one);
    w = scrollBy(w, -3, 5, one);
    expect(w.follow).toBe(false);
    w = scrollBy(w, 2, 5, one);
    expect(w.follow).toBe(false);
    w = scrollBy(w, 5, 5, one);
    expect(w).toMatchObject({ follow: true, arrivedWhilePaused: 0 });
  });

  it('pages before and after keep the view on the same lines and the window within capacity', () => {
    let w = fromTail({ lines: range(101, 110), more: true, lastId: '110', total: 110 }, false, 5, one);
    w = { ...w, top: 2 };
    w = prependPage(w, { lines: range(91, 100), more: true, lastId: '110' }, 15);
    expect(ids(w)).toEqual(range(91, 105).map((l) => Number(l.id)));
    expect(w).toMatchObject({ top: 12, atEnd: false, atStart: false });
    w = appendPage(w, { lines: range(106, 110), more: false, lastId: '112' }, 15);
    expect(ids(w)).toEqual(range(96, 110).map((l) => Number(l.id)));
    expect(w).toMatchObject({ top: 7, atEnd: true, completeTo: '112' });
    w = fromHead(w, { lines: range(1, 10), more: true, lastId: '112' });
    expect(w).toMatchObject({ top: 0, atStart: true, atEnd: false, follow: false });
  });

  it('wrapped lines: the bottom shows as many whole lines as fit, and a line taller than the view still shows', () => {
    const rows = (l: Line) => (l.level === 'error' ? 3 : 1);
    const lines = [line(1), line(2, 'error'), line(3), line(4)];
    expect(bottomTop(lines, 5, rows)).toBe(1);
    expect(bottomTop(lines, 4, rows)).toBe(2);
    expect(bottomTop([line(1), line(2, 'error')], 2, rows)).toBe(1);
    const w = setFollow(fromTail({ lines, more: false, lastId: '4', total: 4 }, true, 4, rows), false, 4, rows);
    expect(w).toMatchObject({ follow: false, top: 2 });
  });
});
