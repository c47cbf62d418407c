/** The in-shell login some platforms ask after SSH authentication (AireOS "User:" / "Password:"). */
import type { SimulatedShellLogin, SimulatedUser } from './behaviour.js';

/** Wrong user/password pairs accepted before the device hangs up (AireOS asks three times). */
const LOGIN_ATTEMPTS = 3;

export interface LoginIo {
  write: (text: string) => void;
  /** Ends the session after too many wrong pairs. */
  hangUp: () => void;
  /** Called once the pair is right: the shell goes on with its login steps. */
  done: () => void;
}

/** One in-shell login: asks the user (echoed), then the password (not echoed), checks them against the users. */
export class SimulatedLogin {
  private user: string | null = null;
  private attempts = 0;

  constructor(
    private readonly rule: SimulatedShellLogin,
    private readonly users: SimulatedUser[],
    private readonly io: LoginIo,
  ) {}

  /** Shows the user question. */
  start(): void {
    this.user = null;
    this.io.write(this.rule.userPrompt);
  }

  /** Handles one typed line. */
  line(text: string): void {
    if (this.user === null) {
      this.user = text;
      this.io.write(`${text}\r\n${this.rule.passwordPrompt}`);
      return;
    }
    this.io.write('\r\n');
    const account = this.users.find((u) => u.username === this.user);
    if (account?.password !== undefined && account.password === text) return this.io.done();
    this.io.write(`${this.rule.failure}\r\n`);
    this.attempts += 1;
    if (this.attempts >= LOGIN_ATTEMPTS) return this.io.hangUp();
    this.start();
  }
}
