import { pino, type DestinationStream, type Logger } from 'pino';
import { redactUrl } from '../config/environment.js';

// Field names that could carry a secret if someone ever logged a whole object: their values
// are replaced, wherever they appear one or two levels down.
const SECRET_FIELDS = ['password', 'secret', 'enableSecret', 'enable_secret', 'passphrase', 'privateKey', 'private_key', 'token', 'keyring'];

/** Replaces the password of any postgres:// URL inside a log message. */
export function redactUrlsIn(text: string): string {
  return text.replace(/postgres(?:ql)?:\/\/[^\s'"]+/gi, (url) => redactUrl(url));
}

/**
 * The daemon's structured log: one JSON object per line on stdout (no TTY needed), written
 * synchronously so the last lines before an exit are never lost. Secret-looking fields are
 * redacted and connection strings lose their password.
 */
export function createDaemonLogger(options: { daemonId?: string; base?: Record<string, unknown>; level?: string; destination?: DestinationStream | number }): Logger {
  return pino(
    {
      level: options.level ?? process.env.NETRAVEN_LOG_LEVEL ?? 'info',
      // serve-ssh logs the same way with its own base fields ({ server: 'ssh-console', pid }).
      base: options.base ?? { daemon: options.daemonId },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: '***' },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((a) => {
            if (typeof a === 'string') return redactUrlsIn(a);
            const error = (a as { error?: unknown } | null)?.error;
            return typeof error === 'string' ? { ...(a as object), error: redactUrlsIn(error) } : a;
          }) as Parameters<typeof method>;
          method.apply(this, redacted);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    typeof options.destination === 'object' ? options.destination : pino.destination({ dest: options.destination ?? 1, sync: true }),
  );
}
