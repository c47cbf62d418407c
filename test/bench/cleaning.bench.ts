import { assembleConfiguration } from '../../src/devices/assemble-configuration.js';
import { cleanCommandOutput } from '../../src/devices/cleaning.js';
import type { CommandOutput } from '../../src/devices/command-output.js';
import { getDriver, listDrivers } from '../../src/devices/drivers/registry.js';
import { pagerRemover } from '../../src/devices/pager.js';
import { loadTranscript } from '../support/device-simulator/index.js';
import { applyPadding, fillPlaceholders, toCrlf } from '../support/device-simulator/reply-render.js';
import { machine } from './bench-database.js';

const CONFIG_BYTES = 50_000;
const ROUNDS = 2_000;

/** The raw bytes a session collects for each of the driver's commands: echo, CRLF text, prompt. */
function rawOutputs(name: string): { prompt: string; raws: { command: string; raw: string }[] } {
  const driver = getDriver(name);
  const transcript = loadTranscript(name);
  const render = { hostname: 'sw1', username: 'admin', retrieval: 1, changingTimestamp: false };
  const prompt = fillPlaceholders(transcript.prompt, render).split('\n').at(-1)!.trim();
  const raws = driver.commands.map(({ command }) => {
    let text = fillPlaceholders(transcript.replies.get(command)?.text ?? '', render);
    if (command === transcript.configCommand) text = applyPadding(text, transcript, CONFIG_BYTES);
    return { command, raw: `${command}\r\n${toCrlf(text)}\r\n${prompt}` };
  });
  return { prompt, raws };
}

/**
 * `npm run bench -- cleaning [DRIVER…]`: CPU per device of what the devices layer does with the
 * collected bytes — terminal clean-up, the content-rules pass (blocks, volatile lines, secrets,
 * marker), facts and assembly — on each driver's transcript padded to ~50 KB, without and with
 * redaction. No I/O: the part of a sweep's CPU that grows with configuration size.
 */
export async function run(args: string[]): Promise<void> {
  const names = args.length > 0 ? args : listDrivers().filter((d) => d !== 'linux');
  console.log(`machine: ${machine()}; ${ROUNDS} rounds per row, configuration padded to ~${CONFIG_BYTES / 1000} KB`);
  for (const name of names) {
    const driver = getDriver(name);
    const { prompt, raws } = rawOutputs(name);
    const remover = pagerRemover();
    for (const redact of [false, true]) {
      const once = (): number => {
        const outputs: CommandOutput[] = raws.map(({ command, raw }, i) => ({ spec: driver.commands[i]!, command, text: cleanCommandOutput(raw, { command, prompt, pagerRemover: remover }) }));
        return assembleConfiguration(driver, outputs, { redact, label: 'bench' }).content.length;
      };
      for (let i = 0; i < 200; i++) once();
      const start = process.cpuUsage();
      let bytes = 0;
      for (let i = 0; i < ROUNDS; i++) bytes += once();
      const used = process.cpuUsage(start);
      const micros = (used.user + used.system) / ROUNDS;
      console.log(`${name.padEnd(18)} redaction ${redact ? 'on ' : 'off'}  ${micros.toFixed(0).padStart(5)} µs CPU per device  (${(bytes / ROUNDS / 1000).toFixed(1)} KB stored, ${((bytes / ROUNDS / micros) * 1e6 / 2 ** 20).toFixed(0)} MiB/s)`);
    }
  }
}
