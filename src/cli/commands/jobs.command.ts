import type { Knex } from 'knex';
import type { Command } from 'commander';
import { ControlConnection } from '../../db/control-connection.js';
import { JOB_KINDS, JOB_STATUSES, type JobKind, type JobStatus } from '../../db/models/job.model.js';
import type { JobLogLine } from '../../db/queries/job-logs-after.js';
import { jobLogsAfter } from '../../db/queries/job-logs-after.js';
import { deviceHostname } from '../../db/queries/device-hostname.js';
import { childStatusCounts, listJobs, type JobSummary } from '../../db/queries/list-jobs.js';
import { NetRavenError } from '../../errors.js';
import { cancelJob } from '../../jobs/job-cancel.js';
import { assertJobId, getJob } from '../../jobs/job-queue.js';
import { followJobLogs } from '../../jobs/live-tail.js';
import { describeTarget } from '../../jobs/sweep.js';
import { withDatabase } from '../database-session.js';
import type { PagingFlags } from '../options.js';
import { printJson, printTable, terminalJson, type Output } from '../output.js';
import { pagedList } from '../paged-list.js';
import { onShutdown } from '../shutdown.js';
import { sanitiseLine } from '../../sanitise.js';

function oneOf<T extends string>(what: string, allowed: readonly T[], value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new NetRavenError('INPUT_INVALID', `--${what} ${value}: use one of ${allowed.join(', ')}`);
  return value as T;
}

/** What a job works on, in a few words. */
function targetOf(job: Pick<JobSummary, 'hostname' | 'deviceId' | 'target' | 'kind'>): string {
  if (job.deviceId) return job.hostname ?? job.deviceId;
  return job.kind === 'retrieval' ? describeTarget(job.target) : '';
}

function progressOf(job: Pick<JobSummary, 'progressTotal' | 'progressDone' | 'progressFailed'>): string {
  return job.progressTotal > 0 ? `${job.progressDone}+${job.progressFailed}/${job.progressTotal}` : '';
}

/** One log line for a terminal: time, level, device, message, with control characters removed. */
export function formatLogLine(line: JobLogLine): string {
  const at = new Date(line.createdAt).toISOString();
  // Device lines name their device already ("core-1: connecting…"): print it once, as the column.
  const message = line.hostname && line.message.startsWith(`${line.hostname}: `) ? line.message.slice(line.hostname.length + 2) : line.message;
  return `${at} ${line.level.padEnd(5)} ${sanitiseLine(line.hostname ?? '-')} ${sanitiseLine(message)}\n`;
}

/** `netraven jobs list|show|logs|cancel`. */
export function registerJobsCommands(program: Command, output: Output): void {
  const jobs = program.command('jobs').description('list, inspect, follow and cancel jobs');

  const list = jobs.command('list').description('jobs, newest first (device jobs of sweeps only with --all or --parent)')
    .option('--status <status>', `only jobs in this status (${JOB_STATUSES.join(', ')})`)
    .option('--kind <kind>', `only jobs of this kind (${JOB_KINDS.join(', ')})`)
    .option('--parent <id>', 'only the device jobs of this sweep')
    .option('--all', 'include the device jobs of sweeps');
  type ListFlags = PagingFlags & { status?: string; kind?: string; parent?: string; all?: boolean };
  const load = (knex: Knex, flags: ListFlags) =>
    listJobs(knex, {
      ...flags,
      status: oneOf<JobStatus>('status', JOB_STATUSES, flags.status),
      kind: oneOf<JobKind>('kind', JOB_KINDS, flags.kind),
      parentId: flags.parent === undefined ? undefined : assertJobId(flags.parent),
    });
  pagedList(list, output, load, (items) =>
    printTable(output, items, [
      { header: 'id', value: (j) => j.id },
      { header: 'kind', value: (j) => j.kind },
      { header: 'status', value: (j) => (j.cancelRequested && j.status === 'running' ? 'cancelling' : j.status) },
      { header: 'target', value: targetOf },
      // Who asked: user@host from the CLI or the local console, ssh:NAME from the SSH console, the schedule's name.
      { header: 'requested by', value: (j) => j.requestedBy ?? '' },
      { header: 'progress', value: progressOf },
      { header: 'created', value: (j) => j.createdAt },
      { header: 'error', value: (j) => (j.errorCode ? `${j.errorCode}: ${j.error ?? ''}`.slice(0, 80) : '') },
    ]),
  );

  jobs.command('show <id>').description('one job: status, progress, timing, error, and its device jobs by status')
    .option('--json', 'print JSON')
    .action((id: string, flags: { json?: boolean }) =>
      withDatabase(async ({ knex }) => {
        const job = await getJob(knex, id);
        const children = await childStatusCounts(knex, job.id);
        if (flags.json) return printJson(output, { ...job, children });
        const hostname = job.deviceId ? await deviceHostname(knex, job.deviceId) : null;
        const rows: Array<[string, unknown]> = [
          ['id', job.id], ['kind', job.kind], ['status', job.status + (job.cancelRequested && job.status === 'running' ? ' (cancel requested)' : '')],
          ['target', targetOf({ ...job, hostname })], ['parent', job.parentJobId], ['requested by', job.requestedBy],
          ['scheduled for', job.scheduledFor], ['progress', progressOf(job) || null], ['attempts', job.attempts],
          ['created', job.createdAt], ['started', job.startedAt], ['finished', job.finishedAt],
          ['lease', job.leaseOwner ? `${job.leaseOwner} until ${job.leaseExpiresAt?.toISOString()}` : null],
          ['error', job.errorCode ? `${job.errorCode}: ${job.error ?? ''}` : null],
          ['device jobs', Object.keys(children).length ? Object.entries(children).map(([s, n]) => `${n} ${s}`).join(', ') : null],
        ];
        for (const [label, value] of rows) {
          if (value === null || value === undefined) continue;
          output.out(`${label.padEnd(14)}${sanitiseLine(value instanceof Date ? value.toISOString() : String(value))}\n`);
        }
      }),
    );

  jobs.command('logs <id>').description('the log of a job (a sweep\'s includes its devices); --follow streams it until the job ends')
    .option('-f, --follow', 'keep printing new lines as any process writes them, until the job has finished')
    .option('--json', 'one JSON object per line')
    .action((id: string, flags: { follow?: boolean; json?: boolean }) =>
      withDatabase(async (database) => {
        const jobId = assertJobId(id);
        const print = (lines: JobLogLine[]) => {
          for (const line of lines) output.out(flags.json ? `${terminalJson(line)}\n` : formatLogLine(line));
        };
        if (!flags.follow) {
          await getJob(database.knex, jobId);
          for (let cursor = '0'; !output.closed?.aborted; ) {
            const lines = await jobLogsAfter(database.knex, jobId, cursor);
            print(lines);
            if (lines.length < 1000) return;
            cursor = lines[lines.length - 1]!.id;
          }
          return;
        }
        const control = new ControlConnection({ url: database.url, applicationName: `netraven:${process.pid}:follow` });
        onShutdown(() => control.stop());
        await control.start();
        try {
          // Following ends with the job, or when nobody reads the output any more.
          const { status } = await followJobLogs({ db: database.knex, control, jobId, onLines: print, signal: output.closed });
          if (!output.closed?.aborted) output.err(`job ${jobId} ${status}\n`);
        } finally {
          await control.stop();
        }
      }),
    );

  jobs.command('cancel <id>').description('cancel a job: a queued one now, a running one at its next device')
    .action((id: string) =>
      withDatabase(async ({ knex }) => {
        const result = await cancelJob(knex, id);
        if (result.outcome === 'finished') output.err(`job ${result.id} already ${result.status}: nothing to cancel\n`);
        else if (result.outcome === 'cancelled') output.out(`job ${result.id} cancelled${result.childrenCancelled ? ` (${result.childrenCancelled} queued device jobs with it)` : ''}\n`);
        else output.out(`cancel requested for job ${result.id}: it stops at its next device${result.childrenCancelled ? `; ${result.childrenCancelled} queued device jobs cancelled` : ''}\n`);
      }),
    );
}
