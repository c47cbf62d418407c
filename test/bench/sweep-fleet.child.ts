// Benchmark child: N simulated cisco_ios devices (20 ms per reply, ~50 KB configuration) until stdin closes.
// With a bad-input share (0..1), that share of extra devices hangs after login and as many refuse every login.
import { startSimulatedFleet, type SimulatedFleet } from '../support/device-simulator/index.js';

const [count = '1000', latency = '20', bytes = '50000', badShare = '0'] = process.argv.slice(2);
// Real IOS ttys keep what is typed while the CLI is busy (typeahead), so the fleet does too.
const common = { driver: 'cisco_ios', enableSecret: 'enable-pass', latencyMs: Number(latency), configBytes: Number(bytes), typeahead: true };
const bad = Math.round(Number(count) * Number(badShare));
const fleets: SimulatedFleet[] = [await startSimulatedFleet(Number(count), { ...common, hostnamePrefix: 'sim' })];
if (bad > 0) {
  fleets.push(await startSimulatedFleet(bad, { ...common, hostnamePrefix: 'hang', hangAfterLogin: true }));
  fleets.push(await startSimulatedFleet(bad, { ...common, hostnamePrefix: 'refuse', users: [{ username: 'someone-else', password: 'not-ours' }] }));
}
const describe = (f: SimulatedFleet) => f.devices.map((d) => ({ hostname: d.hostname, host: d.host, port: d.port }));
process.stdout.write(`${JSON.stringify({ devices: describe(fleets[0]!), hanging: fleets[1] ? describe(fleets[1]) : [], refusing: fleets[2] ? describe(fleets[2]) : [] })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(fleets.map((f) => f.close())).then(() => process.exit(0));
});
