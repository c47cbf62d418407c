/**
 * What ArubaOS Mobility Controllers and Aruba Instant APs really share: the same ArubaOS CLI core (pager,
 * caret error replies, the "ArubaOS (MODEL: …), Version …" lines of "show version").
 */
import type { PagerForm } from '../pager.js';
import type { FactPattern } from './driver.js';

/** "--More-- (q) quit (u) pageup (/) search (n) repeat": a space shows the next page. */
export const ARUBAOS_MORE: PagerForm = { name: 'arubaos-more', pattern: /--More-- \(q\) quit \(u\) pageup \(\/\) search \(n\) repeat$/, reply: ' ' };

export const ARUBAOS_ERRORS: RegExp[] = [/^% ?Invalid input detected/, /^% ?Incomplete command/, /^% ?Ambiguous command/, /^Parse error/, /^Permission denied/];

/** Model and version from "show version" ("ArubaOS (MODEL: Aruba7210), Version 8.10.0.7"; AOS-W on OmniAccess). */
export const ARUBAOS_VERSION_FACTS: FactPattern[] = [
  { fact: 'model', command: 'show version', pattern: /^(?:ArubaOS|AOS-W) \(MODEL: ([^)]+)\)/m },
  { fact: 'osVersion', command: 'show version', pattern: /^(?:ArubaOS|AOS-W) \(MODEL: [^)]+\), Version (\S+)/m },
];
