// Benchmark child: the floor. A bare ssh2 client per device that only connects, authenticates, runs the
// same commands as the cisco_ios driver (enable, paging off, show version, show running-config) and
// discards the output: no cleaning, no credentials store, no database. Same concurrency as NetRaven.
import { Socket } from 'node:net';
import { Client } from 'ssh2';
import { measure } from './bench-child.js';

interface Target {
  hostname: string;
  host: string;
  port: number;
}

const STEPS = ['enable', 'enable-pass', 'terminal length 0', 'terminal width 0', 'show version', 'show running-config', 'exit'];

function retrieve(target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const sock = new Socket();
    sock.setNoDelay(true); // as the devices layer does: Nagle would add ~40 ms per exchange
    sock.connect(target.port, target.host);
    let received = 0;
    client.on('error', reject);
    client.on('ready', () => {
      client.shell({ term: 'vt100', cols: 200, rows: 24 }, (err, stream) => {
        if (err) return reject(err);
        let tail = '';
        let step = 0;
        stream.on('data', (data: Buffer) => {
          received += data.length;
          tail = (tail + data.toString('latin1')).slice(-64);
          // The next step goes when the device waits: a prompt ending the output, or the enable password prompt.
          if (step < STEPS.length && (tail.endsWith(`\n${target.hostname}>`) || tail.endsWith(`\n${target.hostname}#`) || tail.endsWith(`${target.hostname}>`) || tail.endsWith('Password: '))) {
            tail = '';
            stream.write(`${STEPS[step++]}\n`);
          }
        });
        stream.on('close', () => {
          client.end();
          resolve(received);
        });
      });
    });
    client.connect({ sock, username: 'admin', password: 'admin-pass', readyTimeout: 0 });
  });
}

const [file, concurrency] = process.argv.slice(2) as [string, string];
const targets = (JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(file, 'utf8'))) as { devices: Target[] }).devices;
let next = 0;
let bytes = 0;
const report = await measure(targets.length, async () => {
  await Promise.all(
    Array.from({ length: Math.min(Number(concurrency), targets.length) }, async () => {
      while (next < targets.length) {
        const received = await retrieve(targets[next++]!);
        bytes += received;
      }
    }),
  );
  return { bytesPerDevice: Math.round(bytes / targets.length) };
});
process.stdout.write(`${JSON.stringify(report)}\n`);
