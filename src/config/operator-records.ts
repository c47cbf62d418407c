/**
 * Operators of the SSH console (`netraven serve-ssh`) as the setting `console.operators` stores
 * them: a name, a role, and one or more OpenSSH public key lines. The rule here is the shape
 * (checked on every read, like every setting); what a key line holds is checked with the SSH
 * library when it is added (src/console/operator-keys.ts). Why a setting and not a table or
 * an authorized_keys file: docs/architecture.md, "SSH console".
 */
import { z } from 'zod';

/** The roles, weakest first: viewer browses; operator also starts and stops work; admin also changes credentials, keys, settings. */
export const OPERATOR_ROLES = ['viewer', 'operator', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Operator names: lower case, like Unix user names, so `ssh:NAME` in jobs.requested_by reads plainly. */
export const OPERATOR_NAME = /^[a-z][a-z0-9._-]{0,31}$/;
export const OPERATOR_NAME_RULE = 'a lower-case letter, then up to 31 lower-case letters, digits, dots, dashes or underscores';

/**
 * The key types accepted: what OpenSSH's ssh-keygen makes and ssh2 1.17 verifies. DSA is gone
 * from OpenSSH (9.8), and ssh2 cannot verify security-key (sk-…) signatures.
 */
export const OPERATOR_KEY_TYPES = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa'] as const;

/** A public key line: its type, base64 blob and an optional comment, at most 8 KiB (an RSA 16384-bit key is about 2.8 KB). */
export const KEY_LINE_MAX_CHARS = 8_192;
const KEY_LINE = new RegExp(`^(${OPERATOR_KEY_TYPES.join('|')}) [A-Za-z0-9+/]+={0,2}(?: [^\\x00-\\x1f\\x7f]*)?$`);

/** Most keys per operator and operators in all (the whole list is one setting value). */
export const MAX_KEYS_PER_OPERATOR = 20;
export const MAX_OPERATORS = 1_000;

const isoTime = z.string().datetime({ offset: true });

const keyRecord = z.object({
  /** The public key line as given (`ssh-ed25519 AAAA… comment`). */
  key: z.string().max(KEY_LINE_MAX_CHARS).regex(KEY_LINE, 'must be one OpenSSH public key line (type, base64, optional comment)'),
  addedAt: isoTime,
});

const operatorRecord = z.object({
  name: z.string().regex(OPERATOR_NAME, `a name must be ${OPERATOR_NAME_RULE}`),
  role: z.enum(OPERATOR_ROLES),
  keys: z.array(keyRecord).min(1, 'an operator has at least one key').max(MAX_KEYS_PER_OPERATOR),
  addedAt: isoTime,
  /** When the operator last logged in (written at most once a minute), null before the first login. */
  lastLoginAt: isoTime.nullable(),
});

export type OperatorKeyRecord = z.infer<typeof keyRecord>;
export type OperatorRecord = z.infer<typeof operatorRecord>;

/** The base64 blob of a key line: what identifies a key (the comment does not). */
export function keyBlobOf(line: string): string {
  return line.split(' ')[1] ?? '';
}

/** The rule of `console.operators`: unique names, and a key belongs to one operator only (it is how the server tells who logs in). */
export const OPERATORS_SCHEMA = z
  .array(operatorRecord)
  .max(MAX_OPERATORS)
  .superRefine((operators, ctx) => {
    const names = new Set<string>();
    const keys = new Map<string, string>();
    for (const operator of operators) {
      if (names.has(operator.name)) ctx.addIssue({ code: 'custom', message: `operator ${operator.name} appears twice` });
      names.add(operator.name);
      for (const { key } of operator.keys) {
        const owner = keys.get(keyBlobOf(key));
        if (owner !== undefined) ctx.addIssue({ code: 'custom', message: `a key of ${operator.name} is also ${owner === operator.name ? 'listed twice' : `a key of ${owner}`}` });
        keys.set(keyBlobOf(key), operator.name);
      }
    }
  });
