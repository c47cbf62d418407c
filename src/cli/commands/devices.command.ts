import type { Command } from 'commander';
import { AUTO_DRIVER } from '../../devices/drivers/registry.js';
import { NetRavenError } from '../../errors.js';
import { sanitiseLine } from '../../sanitise.js';
import { importDevicesCsv, type LineProblem } from '../../retrieval/inventory/csv-import.js';
import { TAG_SEPARATOR, validateDeviceFields } from '../../retrieval/inventory/device-input.js';
import { acceptHostKey, addDevice, forgetDeviceCredential, listDevices, removeDevice, type DeviceSummary } from '../../retrieval/inventory/device-inventory.js';
import { withDatabase } from '../database-session.js';
import { integerIn, type PagingFlags } from '../options.js';
import { printJson, printTable, type Output } from '../output.js';
import { pagedList } from '../paged-list.js';
import { hostPort } from '../../devices/host-port.js';

interface AddFlags {
  ip: string;
  type: string;
  port: number;
  tag: string[];
  sshOptions?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const MAX_PRINTED_PROBLEMS = 200;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NetRavenError('INPUT_INVALID', `--ssh-options must be a JSON object such as '{"algorithms":{"kex":["diffie-hellman-group14-sha1"]}}'`);
  }
}

function printDevices(output: Output, items: DeviceSummary[]): void {
  printTable(output, items, [
    { header: 'hostname', value: (d) => d.hostname },
    { header: 'address', value: (d) => hostPort(d.ipAddress, d.port) },
    { header: 'type', value: (d) => d.deviceType },
    { header: 'tags', value: (d) => d.tags.join(TAG_SEPARATOR) },
    { header: 'model', value: (d) => d.model },
    { header: 'version', value: (d) => d.osVersion },
    { header: 'last retrieval', value: (d) => d.lastRetrievalAt },
    { header: 'status', value: (d) => (d.lastRetrievalErrorCode ? `${d.lastRetrievalStatus} (${d.lastRetrievalErrorCode})` : d.lastRetrievalStatus) },
    { header: 'enabled', value: (d) => (d.enabled ? 'yes' : 'no') },
  ]);
}

function printProblems(output: Output, file: string, problems: LineProblem[]): void {
  for (const { line, problems: reasons } of problems.slice(0, MAX_PRINTED_PROBLEMS)) {
    for (const reason of reasons) output.err(`${sanitiseLine(file)}:${line}: ${sanitiseLine(reason)}\n`);
  }
  if (problems.length > MAX_PRINTED_PROBLEMS) output.err(`… and ${problems.length - MAX_PRINTED_PROBLEMS} more bad lines\n`);
}

/** `netraven devices add|list|remove|import|accept-hostkey|forget-credential`. */
export function registerDevicesCommands(program: Command, output: Output): void {
  const devices = program.command('devices').description('the device inventory');

  devices
    .command('add <hostname>')
    .description('add one device')
    .requiredOption('--ip <address>', 'IPv4 or IPv6 address NetRaven connects to')
    .requiredOption('--type <driver>', `device type (driver, see \`netraven drivers list\`), or "${AUTO_DRIVER}" to detect the platform at the first retrieval`)
    .option('--port <port>', 'SSH port', integerIn(1, 65535), 22)
    .option('--tag <tag>', 'tag (repeatable); credentials apply to devices sharing a tag', collect, [])
    .option('--ssh-options <json>', 'per-device SSH settings: {"algorithms":{"kex":[…],"cipher":[…],"serverHostKey":[…],"hmac":[…]},"jumpHost":{"host":…,"port":22,"credential":NAME,"hostKeyFingerprint":…}}')
    .action((hostname: string, flags: AddFlags) =>
      withDatabase(async ({ knex }) => {
        const checked = validateDeviceFields({ hostname, ip: flags.ip, port: String(flags.port), deviceType: flags.type, tags: flags.tag.join(TAG_SEPARATOR) });
        if (checked.device === undefined) throw new NetRavenError('INPUT_INVALID', checked.problems.join('; '));
        const device = await addDevice(knex, checked.device, flags.sshOptions === undefined ? {} : parseJson(flags.sshOptions));
        output.out(`added ${device.hostname} (${device.deviceType} at ${hostPort(device.ipAddress, device.port)}, tags: ${device.tags.join(', ') || 'none'})\n`);
      }),
    );

  const list = devices.command('list').description('list devices by hostname').option('--tag <tag>', 'only devices with this tag');
  pagedList(list, output, (knex, flags: PagingFlags & { tag?: string }) => listDevices(knex, flags), (items) => printDevices(output, items));

  devices
    .command('remove <hostname>')
    .description('remove a device with its stored configurations, jobs and logs')
    .option('--yes', 'also when it has stored configuration versions (they are deleted)')
    .action((hostname: string, flags: { yes?: boolean }) =>
      withDatabase(async ({ knex }) => {
        const removed = await removeDevice(knex, hostname, { force: Boolean(flags.yes) });
        output.out(`removed ${removed.hostname}${removed.versions > 0 ? ` and its ${removed.versions} stored versions` : ''}\n`);
      }),
    );

  devices
    .command('import <file>')
    .description(`add or update devices from a CSV file with the header hostname,ip,port,device_type,tags (tags separated by "${TAG_SEPARATOR}"); every line is checked first and a file with a bad line imports nothing`)
    .option('--json', 'print JSON')
    .action((file: string, flags: { json?: boolean }) =>
      withDatabase(async ({ knex }) => {
        const result = await importDevicesCsv(knex, file);
        if (flags.json) printJson(output, result);
        if (!result.ok) {
          if (!flags.json) printProblems(output, file, result.problems);
          throw new NetRavenError('INPUT_INVALID', `${file}: ${result.problems.length} bad line${result.problems.length === 1 ? '' : 's'}; nothing was imported`, { details: { file } });
        }
        if (!flags.json) output.out(`imported ${result.rows} devices from ${file}: ${result.inserted} added, ${result.updated} updated\n`);
      }),
    );

  devices
    .command('accept-hostkey <hostname>')
    .description('forget the SSH host key trusted for a device, so the next retrieval trusts the key it sees (or pin one with --fingerprint)')
    .option('--fingerprint <sha256>', 'pin this fingerprint instead (as `ssh-keygen -lf` prints it: SHA256:…)')
    .action((hostname: string, flags: { fingerprint?: string }) =>
      withDatabase(async ({ knex }) => {
        const result = await acceptHostKey(knex, hostname, flags.fingerprint);
        const before = result.previous ?? 'none';
        if (result.pinned === null) output.out(`${result.hostname}: forgot host key ${before}; the next retrieval trusts the key the device presents\n`);
        else output.out(`${result.hostname}: host key ${before} replaced by ${result.pinned}\n`);
      }),
    );

  devices
    .command('forget-credential <hostname>')
    .description('forget the credential that last worked for a device, so the next retrieval may offer it every credential sharing its tags (see retrieval.credential_fallback)')
    .action((hostname: string) =>
      withDatabase(async ({ knex }) => {
        const result = await forgetDeviceCredential(knex, hostname);
        const before = result.previous === null ? 'no credential' : `credential ${sanitiseLine(JSON.stringify(result.previous))}`;
        output.out(`${result.hostname}: forgot ${before}; the next retrieval may try every credential sharing its tags\n`);
      }),
    );
}
