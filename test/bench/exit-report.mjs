// Preloaded (`node --import`) into a benchmarked process: at exit, writes its own CPU seconds (user + system,
// start-up included) and lifetime peak RSS to the file named by NETRAVEN_BENCH_REPORT, so a real binary can be
// measured without any benchmark code in it.
import fs from 'node:fs';

const file = process.env.NETRAVEN_BENCH_REPORT;
if (file) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    fs.writeFileSync(file, JSON.stringify({ cpuSeconds: (cpu.user + cpu.system) / 1e6, systemSeconds: cpu.system / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
  });
}
