/**
 * The SSH console's operators, read and changed in the setting `console.operators`. Every
 * change reads the row FOR UPDATE, applies itself to what is stored then, and writes the whole
 * list back validated, so two `operators add` at once (or a login recording its time) never
 * lose each other's change. The settings trigger NOTIFYs `netraven_settings`, so running
 * console servers learn of it within a second.
 */
import type { Knex } from 'knex';
import { inReadOnlyTransaction, inTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { keyBlobOf, OPERATOR_NAME, OPERATOR_NAME_RULE, type OperatorRecord, type OperatorRole } from './operator-records.js';
import { SETTINGS, validateSetting } from './settings.js';

const KEY = 'console.operators';

/** A login is recorded at most this often per operator (ms): 50 sessions opening at once write once. */
export const LOGIN_RECORD_INTERVAL_MS = 60_000;

function parse(value: unknown): OperatorRecord[] {
  return validateSetting(KEY, value);
}

/** Every operator, in the order they were added. SETTINGS_INVALID when the stored value breaks the rule (edited by hand). */
export async function listOperators(db: Knex): Promise<OperatorRecord[]> {
  const row = (await inReadOnlyTransaction(db, (trx) => trx('system_settings').where({ key: KEY }).first('value'))) as { value: unknown } | undefined;
  return row ? parse(row.value) : [];
}

/** Applies `change` to the stored list in one transaction (row locked) and stores the result if it differs. */
async function modify<T>(db: Knex, change: (operators: OperatorRecord[]) => { operators: OperatorRecord[]; result: T }): Promise<T> {
  return inTransaction(db, async (trx) => {
    // A database initialised before this setting existed has no row yet: add the default first.
    await trx('system_settings').insert({ key: KEY, value: JSON.stringify(SETTINGS[KEY].default), description: SETTINGS[KEY].description }).onConflict('key').ignore();
    const row = (await trx('system_settings').where({ key: KEY }).forUpdate().first('value')) as { value: unknown };
    const before = parse(row.value);
    const { operators, result } = change(structuredClone(before));
    if (JSON.stringify(operators) !== JSON.stringify(before)) {
      await trx('system_settings').where({ key: KEY }).update({ value: JSON.stringify(parse(operators)) });
    }
    return result;
  });
}

function find(operators: OperatorRecord[], name: string): OperatorRecord {
  const operator = operators.find((o) => o.name === name);
  if (!operator) throw new NetRavenError('NOT_FOUND', `no operator named ${JSON.stringify(name)}: see \`netraven operators list\``, { details: { name } });
  return operator;
}

function assertName(name: string): void {
  if (!OPERATOR_NAME.test(name)) throw new NetRavenError('INPUT_INVALID', `operator name ${JSON.stringify(name.slice(0, 40))} is not valid: ${OPERATOR_NAME_RULE}`);
}

export interface AddOperatorInput {
  name: string;
  /** Required for a new operator; for an existing one it may only repeat the role it has. */
  role?: OperatorRole;
  /** Checked key lines (src/console/operator-keys.ts). */
  keys: string[];
}

/**
 * Adds an operator with its keys, or more keys to an existing operator. ALREADY_EXISTS for a
 * key some operator already has (a key tells the server who logs in: it belongs to one
 * operator); INPUT_INVALID for a bad name, a missing role, or a role different from the
 * existing operator's (that is `operators role`).
 */
export function addOperator(db: Knex, input: AddOperatorInput, now = new Date()): Promise<{ operator: OperatorRecord; created: boolean }> {
  assertName(input.name);
  return modify(db, (operators) => {
    for (const key of input.keys) {
      const owner = operators.find((o) => o.keys.some((k) => keyBlobOf(k.key) === keyBlobOf(key)));
      if (owner) throw new NetRavenError('ALREADY_EXISTS', `this key already belongs to operator ${owner.name}: one key identifies one operator`, { details: { name: owner.name } });
    }
    const at = now.toISOString();
    const keys = input.keys.map((key) => ({ key, addedAt: at }));
    let operator = operators.find((o) => o.name === input.name);
    const created = !operator;
    if (operator) {
      if (input.role && input.role !== operator.role) {
        throw new NetRavenError('INPUT_INVALID', `operator ${operator.name} is ${operator.role}: change the role with \`netraven operators role ${operator.name} ${input.role}\``);
      }
      operator.keys.push(...keys);
    } else {
      if (!input.role) throw new NetRavenError('INPUT_INVALID', `operator ${input.name} is new: give --role viewer, operator or admin`);
      operator = { name: input.name, role: input.role, keys, addedAt: at, lastLoginAt: null };
      operators.push(operator);
    }
    return { operators, result: { operator, created } };
  });
}

/**
 * Removes an operator, or with `keyFingerprint` one of its keys (refused when it is the last:
 * remove the operator instead). `fingerprintOf` maps a stored key line to its fingerprint.
 * NOT_FOUND names what is missing.
 */
export function removeOperator(db: Knex, name: string, key?: { fingerprint: string; fingerprintOf(line: string): string | null }): Promise<OperatorRecord> {
  return modify(db, (operators) => {
    const operator = find(operators, name);
    if (!key) return { operators: operators.filter((o) => o !== operator), result: operator };
    const kept = operator.keys.filter((k) => key.fingerprintOf(k.key) !== key.fingerprint);
    if (kept.length === operator.keys.length) throw new NetRavenError('NOT_FOUND', `operator ${name} has no key ${key.fingerprint}: see \`netraven operators list\``);
    if (kept.length === 0) throw new NetRavenError('INPUT_INVALID', `${key.fingerprint} is the last key of ${name}: remove the operator instead (\`netraven operators remove ${name}\`)`);
    operator.keys = kept;
    return { operators, result: operator };
  });
}

/** Changes an operator's role; returns the role it had. */
export function setOperatorRole(db: Knex, name: string, role: OperatorRole): Promise<OperatorRole> {
  return modify(db, (operators) => {
    const operator = find(operators, name);
    const was = operator.role;
    operator.role = role;
    return { operators, result: was };
  });
}

/** Records a login (at most once per LOGIN_RECORD_INTERVAL_MS per operator); an operator removed meanwhile is left alone. */
export function recordOperatorLogin(db: Knex, name: string, at = new Date()): Promise<void> {
  return modify(db, (operators) => {
    const operator = operators.find((o) => o.name === name);
    const last = operator?.lastLoginAt ? Date.parse(operator.lastLoginAt) : 0;
    if (operator && at.getTime() - last >= LOGIN_RECORD_INTERVAL_MS) operator.lastLoginAt = at.toISOString();
    return { operators, result: undefined };
  });
}
