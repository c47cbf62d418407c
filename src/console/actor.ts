/**
 * Who drives a console, and what each kind of action needs. The local console runs as the OS
 * user with every right (it could run the CLI anyway); the SSH console gives each operator a
 * role and wraps the console services with `guardActions` (console-services.ts).
 */
import type { OperatorRole } from '../config/operator-records.js';
import { NetRavenError } from '../errors.js';
import { requester } from '../jobs/job-queue.js';

/** Read: look at anything. Operate: start or stop work (retrieve, cancel, host keys, schedules). Admin: change credentials, keys, settings; see the operators. */
export type ActionClass = 'read' | 'operate' | 'admin';

export type Role = OperatorRole;

/** Where an SSH session comes from, for the audit trail (job log lines, the server's log). */
export interface SessionOrigin {
  /** The operator's name as stored (without the `ssh:` prefix). */
  operator: string;
  /** `SHA256:…` of the key the operator logged in with. */
  keyFingerprint: string;
  /** The client's address and port, `192.0.2.7:50432` (`[2001:db8::7]:50432` for IPv6). */
  clientAddress: string;
}

/** The operator behind a console session. `name` is what jobs.requested_by records. */
export interface Actor {
  name: string;
  role: Role;
  /** local: this process's terminal; ssh: a session of the SSH console. */
  via: 'local' | 'ssh';
  /** SSH sessions only. */
  origin?: SessionOrigin;
}

const ALLOWED: Record<Role, readonly ActionClass[]> = {
  viewer: ['read'],
  operator: ['read', 'operate'],
  admin: ['read', 'operate', 'admin'],
};

/** The weakest role that may run actions of a class. */
const NEEDS_ROLE: Record<ActionClass, Role> = { read: 'viewer', operate: 'operator', admin: 'admin' };

/** True when a role may run actions of this class. */
export function roleAllows(role: Role, action: ActionClass): boolean {
  return ALLOWED[role].includes(action);
}

/** The operator of a console started from this process's terminal: the OS user (user@host), role admin. */
export function localActor(): Actor {
  return { name: requester(), role: 'admin', via: 'local' };
}

/** An operator logged in over SSH: jobs record them as `ssh:NAME`. */
export function sshActor(role: Role, origin: SessionOrigin): Actor {
  return { name: `ssh:${origin.operator}`, role, via: 'ssh', origin };
}

/**
 * The refusal of an action the actor's role may not run: NOT_ALLOWED (exit 77), worded as the
 * console's banner shows it ("not allowed for role viewer: …").
 */
export function notAllowed(actor: Actor, what: string, needs: ActionClass): NetRavenError {
  return new NetRavenError('NOT_ALLOWED', `not allowed for role ${actor.role}: ${what} needs role ${NEEDS_ROLE[needs]} (${actor.name})`, {
    details: { action: what, class: needs, actor: actor.name },
  });
}

/** The actor for a job log line's data and the server log: who, in which role, and for SSH with which key from where. */
export function actorFields(actor: Actor): Record<string, string> {
  return { by: actor.name, role: actor.role, via: actor.via, ...(actor.origin ? { keyFingerprint: actor.origin.keyFingerprint, clientAddress: actor.origin.clientAddress } : {}) };
}
