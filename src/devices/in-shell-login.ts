/**
 * The platform's own login inside the SSH session (AireOS "User:" / "Password:", Cisco small-business
 * "User Name:"): the credential's username and password are typed once each, before the first prompt only.
 */
import { NetRavenError } from '../errors.js';
import type { Driver } from './drivers/driver.js';
import type { LineAnswer } from './shell-channel.js';

/** The account typed at an in-shell login; never logged, never part of an error. */
export interface ShellAccount {
  username: string;
  password?: string;
}

/**
 * Answers the driver's in-shell username and password questions. A second username or password question after
 * both were sent means the device refused them: `fail` gets AUTH_FAILED (so the next credential is tried). A
 * password question with no password in the credential (key-only) is AUTH_FAILED too. Returns undefined for
 * every other line; `finish()` stops answering once the first prompt is reached (enable asks "Password:" too).
 */
export class InShellLoginAnswerer {
  private sentUser = false;
  private sentPassword = false;
  private active = true;

  constructor(
    private readonly label: string,
    private readonly driver: Driver,
    private readonly account: ShellAccount | undefined,
    private readonly fail: (error: NetRavenError) => void,
  ) {}

  /** The answer to the shown last line, if it is one of the in-shell login questions. */
  answer(lastLine: string): LineAnswer | undefined {
    const rule = this.driver.inShellLogin;
    if (!this.active || rule === undefined || lastLine.length === 0) return undefined;
    if (rule.userPrompt.test(lastLine)) {
      if (this.sentPassword || this.sentUser) return this.refused(lastLine);
      this.sentUser = true;
      return { text: `${this.account?.username ?? ''}\n` };
    }
    if (rule.passwordPrompt.test(lastLine)) {
      if (this.sentPassword) return this.refused(lastLine);
      if (this.account?.password === undefined) {
        return this.stop('the device asks for a password inside the session and this credential has none (key only); give the credential a password');
      }
      this.sentPassword = true;
      return { text: `${this.account.password}\n` };
    }
    return undefined;
  }

  /** Called at the first prompt: later "Password:" lines belong to enable, not to this login. */
  finish(): void {
    this.active = false;
  }

  private refused(lastLine: string): undefined {
    const what = this.sentPassword ? 'the username and password' : 'the username';
    return this.stop(`the device asked again ("${lastLine.slice(0, 40)}") after ${what} were typed at its own login prompt, so it refused them; check the credential`);
  }

  private stop(why: string): undefined {
    this.active = false;
    this.fail(new NetRavenError('AUTH_FAILED', `${this.label}: ${why}`, { details: { stage: 'in-shell login', driver: this.driver.name } }));
    return undefined;
  }
}
