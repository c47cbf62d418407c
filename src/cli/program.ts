import { Command } from 'commander';
import { registerConfigsCommands } from './commands/configs.command.js';
import { registerCredentialsCommands } from './commands/credentials.command.js';
import { registerDaemonCommand } from './commands/daemon.command.js';
import { registerDbCommands } from './commands/db.command.js';
import { registerDevicesCommands } from './commands/devices.command.js';
import { registerDriversCommands } from './commands/drivers.command.js';
import { registerJobsCommands } from './commands/jobs.command.js';
import { registerKeysCommands } from './commands/keys.command.js';
import { registerOperatorsCommands } from './commands/operators.command.js';
import { registerRetrieveCommand } from './commands/retrieve.command.js';
import { registerSchedulesCommands } from './commands/schedules.command.js';
import { registerServeSshCommand } from './commands/serve-ssh.command.js';
import { registerSearchCommand } from './commands/search.command.js';
import { registerSettingsCommands } from './commands/settings.command.js';
import { registerStartCommand } from './commands/start.command.js';
import { assertInputLimits } from './input-guard.js';
import type { Output } from './output.js';

/**
 * Commander's errors with the value of every option it quotes masked: `--password=hunter2`
 * becomes `--password=…` and `-phunter2` `-p…` (a secret typed in the wrong place is not shown
 * back, nor left in a terminal's scrollback or a CI log).
 */
export function maskOptionValues(text: string): string {
  return text.replace(/'(--[^'=\s]+)=[^']*'/g, "'$1=…'").replace(/unknown option '(-[^-'\s])[^']+'/g, "unknown option '$1…'");
}

/** The whole command tree; each command family registers itself. */
export function buildProgram(output: Output): Command {
  const program = new Command('netraven')
    .description('network configuration backup and credential system')
    .option('--verbose', 'show stack traces and details on errors')
    .option('--allow-insecure-keyring', 'accept, with a warning, a keyring file group or others may read (also NETRAVEN_KEYRING_ALLOW_INSECURE=1)')
    .option('--strict', 'refuse a keyring file group or others may read even when NETRAVEN_KEYRING_ALLOW_INSECURE allows it')
    .showHelpAfterError()
    // Subcommands inherit this: no command echoes the value of an option it does not know.
    .configureOutput({ writeOut: output.out, writeErr: output.err, outputError: (text, write) => write(maskOptionValues(text)) })
    .exitOverride()
    .hook('preAction', (_program, command) => assertInputLimits(command));
  registerStartCommand(program, output);
  registerDbCommands(program, output);
  registerSettingsCommands(program, output);
  registerCredentialsCommands(program, output);
  registerKeysCommands(program, output);
  registerDevicesCommands(program, output);
  registerDriversCommands(program, output);
  registerRetrieveCommand(program, output);
  registerConfigsCommands(program, output);
  registerSearchCommand(program, output);
  registerJobsCommands(program, output);
  registerSchedulesCommands(program, output);
  registerDaemonCommand(program, output);
  registerOperatorsCommands(program, output);
  registerServeSshCommand(program, output);
  return program;
}
