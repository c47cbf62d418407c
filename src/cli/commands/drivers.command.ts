import type { Command } from 'commander';
import { describeDriver, summariseDriver } from '../../devices/drivers/driver-description.js';
import { allDrivers, getDriver } from '../../devices/drivers/registry.js';
import { printJson, printTable, type Output } from '../output.js';

/** `netraven drivers list [--json]` and `netraven drivers show NAME [--json]`: the platforms NetRaven knows. */
export function registerDriversCommands(program: Command, output: Output): void {
  const drivers = program.command('drivers').description('the device platforms (drivers) NetRaven knows');

  drivers
    .command('list')
    .description('list every driver: name, vendor, platform, configuration command, whether it enters enable mode')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const rows = allDrivers().map(summariseDriver);
      if (flags.json) return printJson(output, rows);
      printTable(output, rows, [
        { header: 'name', value: (d) => d.name },
        { header: 'vendor', value: (d) => d.vendor },
        { header: 'platform', value: (d) => d.description },
        { header: 'config command', value: (d) => d.configCommand },
        { header: 'enable', value: (d) => (d.needsEnable ? 'yes' : 'no') },
      ]);
      output.out(`${rows.length} drivers; a device may also use "auto" (detected at its first retrieval)\n`);
    });

  drivers
    .command('show <name>')
    .description('what a driver sends, what it drops as volatile, what it treats as secret, how it is detected')
    .option('--json', 'print JSON')
    .action((name: string, flags: { json?: boolean }) => {
      const description = describeDriver(getDriver(name));
      if (flags.json) return printJson(output, description);
      const { summary, sections } = description;
      output.out(`${summary.name}: ${summary.vendor}, ${summary.description}\n`);
      for (const section of sections) {
        output.out(`\n${section.heading}:\n`);
        for (const item of section.items) output.out(`  - ${item}\n`);
      }
    });
}
