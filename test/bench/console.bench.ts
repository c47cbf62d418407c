/** `npm run bench -- console`: every console benchmark of issue 9 point 8, one after the other (each is also runnable alone). */
const PARTS = [
  'console-log',
  'console-devices',
];

export async function run(args: string[]): Promise<void> {
  for (const part of PARTS) {
    const bench = (await import(`./${part}.bench.ts`)) as { run(args: string[]): Promise<void> };
    await bench.run(args);
  }
}
