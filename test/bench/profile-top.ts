// `npx tsx test/bench/profile-top.ts FILE.cpuprofile [N]`: the top entries of a V8 CPU profile (node --cpu-prof) by
// self time, per function and per source (a file of NetRaven, a package, node internals, GC), for docs/benchmarks.md.
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function sourceOf(url: string, fn: string): string {
  if (url === '') return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const own = /\/(src\/.*)$/.exec(url);
  return own ? own[1]! : url;
}

const [file, count = '25'] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const perFunction = new Map<string, number>();
const perSource = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const source = sourceOf(url, functionName);
  const key = `${functionName || '(anonymous)'}  ${source}${url ? `:${lineNumber + 1}` : ''}`;
  perFunction.set(key, (perFunction.get(key) ?? 0) + us);
  perSource.set(source, (perSource.get(source) ?? 0) + us);
}
const top = (m: Map<string, number>) =>
  [...m.entries()].sort(([, a], [, b]) => b - a).slice(0, Number(count)).map(([k, us]) => `| ${((us / total) * 100).toFixed(1)} % | ${(us / 1000).toFixed(0)} ms | ${k} |`);
console.log(`total sampled ${(total / 1000).toFixed(0)} ms\n\nby source\n| share | self | source |\n| ---: | ---: | --- |\n${top(perSource).join('\n')}`);
console.log(`\nby function\n| share | self | function |\n| ---: | ---: | --- |\n${top(perFunction).join('\n')}`);
