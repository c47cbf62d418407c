/** The operators of the SSH console, as the admins' `operators` screen shows them. */
import { listOperators } from '../config/operator-store.js';
import type { OperatorRecord, OperatorRole } from '../config/operator-records.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import { describeKeyLine } from './operator-keys.js';

/** One key of an operator, as a row of the list. */
export interface OperatorKeyRow {
  name: string;
  role: OperatorRole;
  /** `ssh-ed25519 SHA256:…`, or `unreadable` for a line stored by hand that ssh2 cannot parse. */
  key: string;
  comment: string;
  keyAddedAt: string;
  lastLoginAt: string | null;
}

export interface OperatorActions {
  /** Every operator's keys, one row a key, operators in the order they were added (one setting value: a short list). */
  operators(): Promise<OperatorKeyRow[]>;
}

// Who may log in, and with which role, is an admin's business (issue 10: admins see the operators list).
export const OPERATOR_ACTIONS: Record<keyof OperatorActions, ActionClass> = {
  operators: 'admin',
};

/** One row per key of every operator (the CLI's `operators list` prints the same rows). */
export function operatorKeyRows(operators: OperatorRecord[]): OperatorKeyRow[] {
  return operators.flatMap((o) =>
    o.keys.map((k) => {
      const key = describeKeyLine(k.key);
      return { name: o.name, role: o.role, key: key ? `${key.type} ${key.fingerprint}` : 'unreadable', comment: key?.comment ?? '', keyAddedAt: k.addedAt, lastLoginAt: o.lastLoginAt };
    }),
  );
}

export function operatorActions(ctx: ConsoleContext): OperatorActions {
  return {
    operators: async () => operatorKeyRows(await listOperators(ctx.knex)),
  };
}
