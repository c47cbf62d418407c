/**
 * Who drives a console, and what each kind of action needs. The local console runs as the OS
 * user with every right (it could run the CLI anyway); the SSH console (issue 10) gives each
 * operator a role and wraps the console services with {@link guardActions}.
 */
import { requester } from '../jobs/job-queue.js';

/** Read: look at anything. Operate: start or stop work (retrieve, cancel). Admin: change credentials, keys, settings, schedules. */
export type ActionClass = 'read' | 'operate' | 'admin';

export type Role = 'viewer' | 'operator' | 'admin';

/** The operator behind a console session. `name` is what jobs.requested_by records. */
export interface Actor {
  name: string;
  role: Role;
  /** local: this process's terminal; ssh: a session of the SSH console. */
  via: 'local' | 'ssh';
}

const ALLOWED: Record<Role, readonly ActionClass[]> = {
  viewer: ['read'],
  operator: ['read', 'operate'],
  admin: ['read', 'operate', 'admin'],
};

/** True when a role may run actions of this class. */
export function roleAllows(role: Role, action: ActionClass): boolean {
  return ALLOWED[role].includes(action);
}

/** The operator of a console started from this process's terminal: the OS user (user@host), role admin. */
export function localActor(): Actor {
  return { name: requester(), role: 'admin', via: 'local' };
}
