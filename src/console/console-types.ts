/**
 * The row and page shapes the console's screens render, re-exported for src/tui: screens and
 * hooks import shapes from the console layer, never from src/db (the layering rule of
 * ../shared/design.md), while the queries stay the one place that defines them.
 */
export type { DeviceFailure } from '../db/queries/recent-device-failures.js';
export type { JobProgress } from '../db/queries/active-jobs.js';
export type { CredentialRow } from '../db/queries/credential-rows.js';
export type { JobListFilter } from '../db/queries/top-level-jobs.js';
export type { LogFilter, LogLine, LogPage } from '../db/queries/job-log-page.js';
export type { Slice, SliceRequest } from '../db/queries/keyset-window.js';
export type { KeyRotationJob } from '../db/queries/latest-key-rotation.js';
