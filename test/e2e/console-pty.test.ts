import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { tempDir } from '../support/keyring.js';
import { spawnInPty } from '../support/pty-terminal.js';

/** The console as an operator runs it: the real binary in a pseudo-terminal, read through a headless xterm. */
// Each run starts the real binary (TypeScript loader, database): slow on a shared machine.
describe('console in a terminal (end to end)', { timeout: 120_000 }, () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-console-e2e-');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') });

  beforeAll(async () => {
    expect((await runCli(['db', 'init'], { env: env() })).code).toBe(0);
    fs.mkdirSync(home, { recursive: true });
  });

  it('npm start opens the overview in the alternate screen; ? shows help; : jumps; q quits back to the main screen with the cursor shown', async () => {
    const term = spawnInPty(['start'], env());
    await term.waitFor('Recent failures');
    expect(term.alternateScreen()).toBe(true);
    expect(term.cursorHidden()).toBe(true);
    expect(term.screen()[0]).toMatch(/^ NetRaven │ overview │ db 127\.0\.0\.1:\d+.* │ daemons 0 │ .+ \(admin\) │ \d\d:\d\d $/);
    expect(term.screen().join('\n')).toMatch(/Devices 0/);
    term.send('?');
    await term.waitFor('keys of overview');
    term.send('\x1b');
    await term.waitFor((s) => !s.includes('keys of overview') && s.includes('Recent failures'));
    term.send(':');
    await term.waitFor(/^:/m);
    term.send('ov\t');
    await term.waitFor(/^:overview/m);
    term.send('\r');
    await term.waitFor((s) => !/^:/m.test(s) && s.includes('q back/quit'));
    term.send('q');
    const { exitCode } = await term.exit;
    expect(exitCode).toBe(0);
    expect(term.alternateScreen()).toBe(false);
    expect(term.cursorHidden()).toBe(false);
    expect(term.output()).toContain('\x1b[?1049l');
  });

  it('a shell that sets CI=true (a runner, a container) still gets a drawn, resizable console, not a blank screen', async () => {
    const term = spawnInPty(['console'], { ...env(), CI: 'true', CONTINUOUS_INTEGRATION: '1' });
    await term.waitFor('Recent failures');
    term.resize(100, 30);
    await term.waitFor((s) => s.split('\n')[0]!.length === 100);
    term.send('q');
    expect((await term.exit).exitCode).toBe(0);
  });

  it('netraven console in a terminal smaller than 80×24 asks to enlarge it; resizing to 20 columns and back is followed', async () => {
    const term = spawnInPty(['console'], env(), { columns: 70, rows: 20 });
    await term.waitFor('enlarge the terminal to 80×24 (now 70×20)');
    term.resize(80, 24);
    await term.waitFor('Recent failures');
    term.resize(20, 24);
    await term.waitFor((s) => s.split('\n')[0]!.startsWith('enlarge the term') && !s.includes('Recent failures'));
    term.resize(100, 30);
    const screen = await term.waitFor((s) => s.includes('Recent failures') && /│ \d\d:\d\d\s*$/.test(s.split('\n')[0]!));
    expect(screen.split('\n')[0]!.length).toBe(100);
    term.send('\x03');
    expect((await term.exit).exitCode).toBe(0);
    expect(term.alternateScreen()).toBe(false);
  });

  it('kill -TERM (and -HUP) while open restores the terminal', async () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
      const term = spawnInPty([], env());
      await term.waitFor('Recent failures');
      expect(term.alternateScreen()).toBe(true);
      process.kill(term.pid, signal);
      const ended = await term.exit;
      expect(ended.exitCode, signal).toBe(code);
      expect(term.alternateScreen()).toBe(false);
      expect(term.cursorHidden()).toBe(false);
    }
  });

  it('an uncaught error restores the terminal first, then prints one line (the stack with --verbose) and exits 70', async () => {
    const preload = path.resolve(import.meta.dirname, '../support/throw-after-console-opens.mjs');
    for (const verbose of [false, true]) {
      const term = spawnInPty(verbose ? ['console', '--verbose'] : ['console'], env(), { columns: 80, rows: 24 }, ['--import', preload]);
      await term.waitFor('Recent failures');
      const { exitCode } = await term.exit;
      expect(exitCode).toBe(70);
      expect(term.alternateScreen()).toBe(false);
      expect(term.cursorHidden()).toBe(false);
      const after = term.output().slice(term.output().lastIndexOf('\x1b[?1049l'));
      expect(after).toMatch(/netraven: INTERNAL: injected failure from a timer/);
      if (verbose) expect(after).toMatch(/at Timeout\./);
      else expect(after.trim().split('\n').filter((line) => line.includes('netraven:'))).toHaveLength(1);
    }
  });

  it('without a terminal, npm start prints the status and how to open the console, and exits 0', async () => {
    const result = await runCli(['start'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^database {2}127\.0\.0\.1:\d+\/netraven_test_|^database {2}postgres/m);
    expect(result.stdout).toContain('open the console in a terminal: `npm start` or `netraven console`');
    const refused = await runCli(['console'], { env: env() });
    expect(refused.code).toBe(65);
    expect(refused.stderr).toMatch(/^netraven: TERMINAL_REQUIRED: the console needs a terminal/);
  });
});
