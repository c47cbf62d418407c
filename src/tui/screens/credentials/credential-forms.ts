/**
 * The steps of the credential forms (add, edit, tags) and what their answers become. Fields are
 * checked by the console services as the operator leaves them, so a mistake is caught before
 * any secret is typed; secrets come last and go straight to the service.
 */
import type { CredentialActions, CredentialEdit, CredentialInput, CredentialLogin } from '../../../console/credential-actions.js';
import { parseTagList } from '../../../console/credential-actions.js';
import type { CredentialRow } from '../../../console/console-types.js';
import type { FormAnswers, FormSecrets, FormStep } from '../../components/form.js';

type Checks = Pick<CredentialActions, 'checkCredentialField' | 'checkKeyFile'>;

const TAGS_HINT = 'the tags of the devices it logs in to, separated by commas or spaces';

function fieldStep(checks: Checks, field: 'name' | 'username' | 'tags' | 'priority', label: string, options: { initial?: string; hint?: string; current?: string } = {}): FormStep {
  return { kind: 'text', id: field, label, initial: options.initial, hint: options.hint, check: async (text) => ({ value: await checks.checkCredentialField(field, text, options.current) }) };
}

/** The key file step, and the passphrase step when its check found the key encrypted. */
function keySteps(checks: Checks, answers: FormAnswers, name: string): FormStep[] {
  const file: FormStep = {
    kind: 'text',
    id: 'keyFile',
    label: 'key file',
    hint: 'path of an OpenSSH or PEM private key file on this machine (~/ is the home folder)',
    check: async (text) => {
      const key = await checks.checkKeyFile(text, name);
      return { info: key.encrypted ? 'encrypted: its passphrase next' : (key.fingerprint ?? ''), extra: { keyEncrypted: key.encrypted ? 'yes' : 'no' } };
    },
  };
  return answers.keyEncrypted === 'yes' ? [file, { kind: 'secret', id: 'passphrase', label: 'passphrase', hint: 'the passphrase of the key (not shown)' }] : [file];
}

/** Add: name, user, tags, priority, password or key file (+ passphrase), optional enable secret. */
export function addSteps(checks: Checks): (answers: FormAnswers) => FormStep[] {
  return (answers) => [
    fieldStep(checks, 'name', 'name', { hint: 'a unique name (ignoring case)' }),
    fieldStep(checks, 'username', 'user', { hint: 'the login user name on the devices' }),
    fieldStep(checks, 'tags', 'tags', { hint: TAGS_HINT }),
    fieldStep(checks, 'priority', 'priority', { initial: '100', hint: '0 to 10,000: lower is tried first' }),
    { kind: 'choice', id: 'login', label: 'login', options: [{ value: 'password', label: 'password' }, { value: 'key', label: 'SSH key file' }], initial: 'password' },
    ...(answers.login === 'key' ? keySteps(checks, answers, answers.name ?? '') : [{ kind: 'secret', id: 'secret', label: 'password', hint: 'the login password (not shown)' } as FormStep]),
    { kind: 'secret', id: 'enableSecret', label: 'enable secret', optional: true, hint: 'for devices that need one (not shown); Enter alone: none' },
  ];
}

function loginOf(answers: FormAnswers, secrets: FormSecrets): CredentialLogin {
  return answers.login === 'key' ? { kind: 'key', keyFile: answers.keyFile ?? '', passphrase: answers.keyEncrypted === 'yes' ? (secrets.passphrase ?? '') : null } : { kind: 'password', secret: secrets.secret ?? '' };
}

/** The add form's answers as the service takes them. */
export function addInput(answers: FormAnswers, secrets: FormSecrets): CredentialInput {
  return {
    name: answers.name ?? '',
    username: answers.username ?? '',
    tags: parseTagList(answers.tags ?? ''),
    priority: Number(answers.priority ?? '100'),
    login: loginOf(answers, secrets),
    enableSecret: secrets.enableSecret ? secrets.enableSecret : null,
  };
}

/** Edit: every field prefilled; keep or replace the login; keep, set or remove the enable secret. */
export function editSteps(checks: Checks, row: CredentialRow): (answers: FormAnswers) => FormStep[] {
  return (answers) => [
    fieldStep(checks, 'name', 'name', { initial: row.name, current: row.name }),
    fieldStep(checks, 'username', 'user', { initial: row.username, current: row.name }),
    fieldStep(checks, 'priority', 'priority', { initial: String(row.priority) }),
    {
      kind: 'choice', id: 'login', label: 'login', initial: 'keep',
      options: [{ value: 'keep', label: `keep the ${row.method === 'key' ? 'SSH key' : 'password'}` }, { value: 'password', label: 'new password' }, { value: 'key', label: 'new SSH key file' }],
    },
    ...(answers.login === 'key' ? keySteps(checks, answers, row.name) : answers.login === 'password' ? [{ kind: 'secret', id: 'secret', label: 'password', hint: 'the new login password (not shown)' } as FormStep] : []),
    {
      kind: 'choice', id: 'enable', label: 'enable secret', initial: 'keep',
      options: row.hasEnableSecret
        ? [{ value: 'keep', label: 'keep it' }, { value: 'new', label: 'new one' }, { value: 'remove', label: 'remove it' }]
        : [{ value: 'keep', label: 'none' }, { value: 'new', label: 'add one' }],
    },
    ...(answers.enable === 'new' ? [{ kind: 'secret', id: 'enableSecret', label: 'enable secret', hint: 'the new enable secret (not shown)' } as FormStep] : []),
  ];
}

/** Only what the edit changed. */
export function editChanges(row: CredentialRow, answers: FormAnswers, secrets: FormSecrets): CredentialEdit {
  const edit: CredentialEdit = {};
  if (answers.name !== undefined && answers.name !== row.name) edit.rename = answers.name;
  if (answers.username !== undefined && answers.username !== row.username) edit.username = answers.username;
  if (answers.priority !== undefined && Number(answers.priority) !== row.priority) edit.priority = Number(answers.priority);
  if (answers.login === 'password' || answers.login === 'key') edit.login = loginOf(answers, secrets);
  if (answers.enable === 'new') edit.enableSecret = secrets.enableSecret ?? '';
  if (answers.enable === 'remove') edit.enableSecret = null;
  return edit;
}

/** Tags: one line, prefilled with the credential's tags. */
export function tagSteps(checks: Checks, row: CredentialRow): () => FormStep[] {
  return () => [fieldStep(checks, 'tags', 'tags', { initial: row.tags.join(', '), hint: `${TAGS_HINT}; empty: none` })];
}
