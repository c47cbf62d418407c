import { Command } from 'commander';
import { registerConfigsCommands } from './commands/configs.command.js';
import { registerCredentialsCommands } from './commands/credentials.command.js';
import { registerDaemonCommand } from './commands/daemon.command.js';
import { registerDbCommands } from './commands/db.command.js';
import { registerDevicesCommands } from './commands/devices.command.js';
import { registerDriversCommands } from './commands/drivers.command.js';
import { registerJobsCommands } from './commands/jobs.command.js';
import { registerKeysCommands } from './commands/keys.command.js';
import { registerRetrieveCommand } from './commands/retrieve.command.js';
import { registerSchedulesCommands } from './commands/schedules.command.js';
import { registerSearchCommand } from './commands/search.command.js';
import { registerSettingsCommands } from './commands/settings.command.js';
import { registerStartCommand } from './commands/start.command.js';
import type { Output } from './output.js';

/** The whole command tree; each command family registers itself. */
export function buildProgram(output: Output): Command {
  const program = new Command('netraven')
    .description('network configuration backup and credential system')
    .option('--verbose', 'show stack traces and details on errors')
    .option('--strict', 'refuse a keyring file that group or others may read or write (default: warn)')
    .showHelpAfterError()
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .exitOverride();
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
  return program;
}
