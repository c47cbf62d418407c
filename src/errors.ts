/** Typed errors: every failure an operator can see carries a stable code, a message they can act on, and an exit code. */

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'SETTINGS_INVALID'
  | 'SETTING_UNKNOWN'
  | 'DATABASE_URL_INVALID'
  | 'DATABASE_UNREACHABLE'
  | 'DATABASE_AUTH_FAILED'
  | 'DATABASE_PERMISSION_DENIED'
  | 'DATABASE_CONNECTION_LOST'
  | 'DATABASE_READ_ONLY'
  | 'DATABASE_DISK_FULL'
  | 'DATABASE_TIMEOUT'
  | 'DATABASE_CONFLICT'
  | 'DATABASE_TOO_MANY_CONNECTIONS'
  | 'DATABASE_NOT_INITIALISED'
  | 'SCHEMA_TOO_NEW'
  | 'EMBEDDED_HOME_INVALID'
  | 'EMBEDDED_HOME_UNUSABLE'
  | 'EMBEDDED_START_FAILED'
  | 'EMBEDDED_IN_USE'
  | 'INIT_FAILED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INPUT_INVALID'
  | 'KEYRING_MISSING'
  | 'KEYRING_UNREADABLE'
  | 'KEYRING_INSECURE'
  | 'KEYRING_INVALID'
  | 'KEYRING_READ_ONLY'
  | 'KEYRING_FOREIGN'
  | 'KEYRING_UNUSABLE'
  | 'KEY_NOT_FOUND'
  | 'CIPHERTEXT_INVALID'
  | 'CREDENTIAL_NOT_FOUND'
  | 'CREDENTIAL_EXISTS'
  | 'SECRET_EMPTY'
  | 'ROTATION_IN_PROGRESS'
  | 'ROTATION_INCOMPLETE'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'AUTH_FAILED'
  | 'HOST_KEY_MISMATCH'
  | 'HOST_KEY_CHANGED_MEANWHILE'
  | 'PROMPT_NOT_FOUND'
  | 'QUESTION_UNANSWERED'
  | 'PASSWORD_EXPIRED'
  | 'COMMAND_NOT_ECHOED'
  | 'COMMAND_REJECTED'
  | 'CONFIG_NOT_RECOGNISED'
  | 'OUTPUT_TOO_LARGE'
  | 'DRIVER_UNKNOWN'
  | 'DRIVER_UNDETECTED'
  | 'CRON_INVALID'
  | 'SCHEDULE_TOO_FREQUENT'
  | 'JOB_NOT_FOUND'
  | 'JOB_LEASE_EXPIRED'
  | 'DEVICES_FAILED'
  | 'SCHEDULE_NOT_FOUND'
  | 'DAEMON_UNHEALTHY'
  | 'RETRIEVAL_FAILED'
  | 'NOT_ALLOWED'
  | 'TERMINAL_REQUIRED'
  | 'OUTPUT_FAILED'
  | 'SECRET_FILE_INVALID'
  | 'DATABASE_TLS_FAILED'
  | 'BACKUP_INVALID'
  | 'BACKUP_SCHEMA_MISMATCH'
  | 'BACKUP_WRITE_FAILED'
  | 'RESTORE_TARGET_NOT_EMPTY'
  | 'SSH_HOST_KEY_INVALID'
  | 'SSH_HOST_KEY_UNWRITABLE'
  | 'SSH_LISTEN_FAILED'
  | 'SSH_CHECK_FAILED'
  | 'INTERNAL';

/** Exit codes by family, so scripts can tell "your input" from "the environment" from "a device". */
const EXIT_CODES: Partial<Record<ErrorCode, number>> = {
  CONFIG_INVALID: 78,
  SETTINGS_INVALID: 65,
  SETTING_UNKNOWN: 65,
  INPUT_INVALID: 65,
  DRIVER_UNKNOWN: 65,
  CRON_INVALID: 65,
  SCHEDULE_TOO_FREQUENT: 65,
  SECRET_EMPTY: 65,
  NOT_FOUND: 66,
  JOB_NOT_FOUND: 66,
  SCHEDULE_NOT_FOUND: 66,
  DAEMON_UNHEALTHY: 69,
  CREDENTIAL_NOT_FOUND: 66,
  DATABASE_URL_INVALID: 78,
  DATABASE_UNREACHABLE: 69,
  DATABASE_AUTH_FAILED: 77,
  DATABASE_PERMISSION_DENIED: 77,
  DATABASE_CONNECTION_LOST: 69,
  DATABASE_READ_ONLY: 78,
  DATABASE_DISK_FULL: 74,
  // Temporary: running the command again may well succeed (EX_TEMPFAIL).
  DATABASE_TIMEOUT: 75,
  DATABASE_CONFLICT: 75,
  DATABASE_TOO_MANY_CONNECTIONS: 75,
  KEYRING_INSECURE: 77,
  KEYRING_MISSING: 78,
  KEYRING_INVALID: 78,
  KEYRING_UNREADABLE: 74,
  KEYRING_READ_ONLY: 73,
  EMBEDDED_HOME_UNUSABLE: 73,
  KEYRING_FOREIGN: 78,
  KEYRING_UNUSABLE: 78,
  KEY_NOT_FOUND: 65,
  CIPHERTEXT_INVALID: 65,
  CREDENTIAL_EXISTS: 65,
  ROTATION_IN_PROGRESS: 75,
  HOST_KEY_CHANGED_MEANWHILE: 75,
  NOT_ALLOWED: 77,
  TERMINAL_REQUIRED: 65,
  // The command ran, but at least one device failed: its own code so scripts can tell it from a refusal.
  RETRIEVAL_FAILED: 2,
  // EX_IOERR: stdout could not be written (not a closed pipe, which is a normal end).
  OUTPUT_FAILED: 74,
  SECRET_FILE_INVALID: 78,
  DATABASE_TLS_FAILED: 77,
  BACKUP_INVALID: 65,
  BACKUP_SCHEMA_MISMATCH: 65,
  // EX_CANTCREAT: the output file or the target database cannot take what was asked.
  BACKUP_WRITE_FAILED: 73,
  RESTORE_TARGET_NOT_EMPTY: 73,
  // serve-ssh: a host key file that cannot serve (configuration), a home it cannot write the new one into.
  SSH_HOST_KEY_INVALID: 78,
  SSH_HOST_KEY_UNWRITABLE: 73,
  // The address is taken or not this host's; --check found no SSH server answering.
  SSH_LISTEN_FAILED: 69,
  SSH_CHECK_FAILED: 69,
};

export class NetRavenError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** Structured, secret-free context for logs (device id, job id, file…). */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown>; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NetRavenError';
    this.code = code;
    this.details = options.details ?? {};
    this.exitCode = options.exitCode ?? EXIT_CODES[code] ?? 1;
  }
}

/** True when err is a NetRavenError, optionally of the given code. */
export function isNetRavenError(err: unknown, code?: ErrorCode): err is NetRavenError {
  return err instanceof NetRavenError && (code === undefined || err.code === code);
}
