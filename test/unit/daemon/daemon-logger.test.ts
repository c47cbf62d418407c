import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDaemonLogger, redactUrlsIn } from '../../../src/daemon/daemon-logger.js';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the daemon log', () => {
  it('is one JSON object per line with level, time, daemon id and message', () => {
    const out = capture();
    const logger = createDaemonLogger({ daemonId: 'host:1:abcd', destination: out.stream });
    logger.info({ jobId: 'j1' }, 'worker: job claimed');
    expect(out.lines()[0]).toMatchObject({ level: 'info', daemon: 'host:1:abcd', jobId: 'j1', msg: 'worker: job claimed', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it('never writes a secret field or a database password', () => {
    const out = capture();
    const logger = createDaemonLogger({ daemonId: 'd', destination: out.stream });
    logger.warn({ password: 'hunter2', credential: { secret: 's3cr3t', name: 'core' } }, 'oops');
    logger.error({ error: 'cannot reach postgres://ops:pa55word@db:5432/netraven' }, 'connect to postgresql://a:b@c/d failed');
    const text = JSON.stringify(out.lines());
    for (const secret of ['hunter2', 's3cr3t', 'pa55word', ':b@']) expect(text).not.toContain(secret);
    expect(text).toContain('core');
    expect(text).toContain('ops:***@db');
    expect(redactUrlsIn('x postgres://u:p@h/d y')).toBe('x postgres://u:***@h/d y');
  });
});
