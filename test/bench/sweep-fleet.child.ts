// Benchmark child: N simulated cisco_ios devices (20 ms per reply, ~50 KB configuration) until stdin closes.
import { startSimulatedFleet } from '../support/device-simulator/index.js';

const [count = '1000', latency = '20', bytes = '50000'] = process.argv.slice(2);
const fleet = await startSimulatedFleet(Number(count), { driver: 'cisco_ios', enableSecret: 'enable-pass', hostnamePrefix: 'sim', latencyMs: Number(latency), configBytes: Number(bytes) });
process.stdout.write(`${JSON.stringify({ devices: fleet.devices.map((d) => ({ hostname: d.hostname, host: d.host, port: d.port })) })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void fleet.close().then(() => process.exit(0));
});
