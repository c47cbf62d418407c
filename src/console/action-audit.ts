/**
 * The audit trail of a console session: every action that starts, stops or changes something
 * (class operate or admin) is reported with its outcome to `onAction` (the SSH console's JSON
 * log), and when it concerns a job, a job_logs line on that job names the operator, the role,
 * the key fingerprint and the client address. Jobs the actions create record the operator
 * themselves in jobs.requested_by (`ssh:NAME`: the actor's name); changes that are not jobs
 * are recorded by their services (console-admin's `change` jobs) with the same name.
 */
import type { Knex } from 'knex';
import { appendJobLogs } from '../db/queries/append-job-logs.js';
import { errorFields } from '../jobs/logger.js';
import { actorFields, type ActionClass } from './actor.js';
import { ACTION_CLASSES, type ConsoleActions, type ConsoleServices } from './console-services.js';

/** One operate/admin action and how it ended. */
export interface ActionRecord {
  action: keyof ConsoleActions;
  class: ActionClass;
  outcome: 'done' | 'failed';
  /** The job the action concerns, when there is one (its log got the audit line). */
  jobId?: string;
  /** For a failure: the error's code and message (never arguments: they may hold a secret). */
  code?: string;
  error?: string;
  durationMs: number;
}

/**
 * Which job an action concerns, when its result does not say it as `jobId`. An action missing
 * here and returning no `jobId` is only in the server log (its own record, if any, names the
 * operator).
 */
const JOB_OF: Partial<Record<keyof ConsoleActions, (args: unknown[], result: unknown) => unknown>> = {};

function jobOf(action: keyof ConsoleActions, args: unknown[], result: unknown): string | undefined {
  const id = JOB_OF[action]?.(args, result) ?? (result as { jobId?: unknown } | null | undefined)?.jobId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The services with every operate/admin action audited (see the file's comment). Arguments
 * are never recorded. A failure to write the audit line is reported to `onAuditFailed` and
 * does not undo or fail the action (it has happened).
 */
export function auditActions(services: ConsoleServices, options: { knex: Knex; onAction(record: ActionRecord): void; onAuditFailed(err: unknown): void }): ConsoleServices {
  const audited: Record<string, unknown> = { ...services };
  const who = actorFields(services.actor);
  const origin = services.actor.origin;
  const from = origin ? `, key ${origin.keyFingerprint}, from ${origin.clientAddress}` : '';
  for (const [action, cls] of Object.entries(ACTION_CLASSES) as Array<[keyof ConsoleActions, ActionClass]>) {
    if (cls === 'read') continue;
    const run = services[action] as (...args: unknown[]) => unknown;
    audited[action] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        const result = await run(...args);
        const jobId = jobOf(action, args, result);
        if (jobId) {
          const message = `${action} from the ${services.actor.via === 'ssh' ? 'SSH ' : ''}console by ${services.actor.name} (role ${services.actor.role}${from})`;
          await appendJobLogs(options.knex, [{ jobId, level: 'info', message, data: { audit: true, action, ...who } }]).catch(options.onAuditFailed);
        }
        options.onAction({ action, class: cls, outcome: 'done', jobId, durationMs: Math.round(performance.now() - started) });
        return result;
      } catch (err) {
        options.onAction({ action, class: cls, outcome: 'failed', ...errorFields(err), durationMs: Math.round(performance.now() - started) });
        throw err;
      }
    };
  }
  return audited as unknown as ConsoleServices;
}
