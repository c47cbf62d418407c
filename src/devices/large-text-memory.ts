/**
 * Memory of very large configurations. A retrieval turns a 100 MB configuration into a few whole copies one after
 * the other (received chunks, cleaned text, ruled blocks, the stored text); each is garbage once the next exists.
 * V8 keeps strings that large in large-object space, which only a full collection frees, and it did not finish one
 * inside these synchronous stages: `npm run bench -- big-config` saw the heap hold three dead 100 MB copies at once
 * (peak RSS 436–446 MiB against the 429 MiB target). Between stages of an output this large, a full collection
 * (20–40 ms with a 300 MB heap) frees the previous copy before the next one is made: 341–345 MiB.
 * A copy only goes if nothing still points at it, a stack slot included: see takeAndRule in assemble-configuration.ts.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Texts of at least this many characters (UTF-16 units, ~8 MB of ASCII) get a collection between stages. */
export const LARGE_TEXT_CHARS = 8 * 1024 * 1024;

let collect: (() => void) | undefined;

/** V8's own full collection: `gc` when Node runs with --expose-gc, else the same function exposed at run time. */
function fullCollection(): () => void {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed !== undefined) collect = exposed;
    else {
      // --expose-gc set now applies to new contexts only: a fresh one hands over its `gc`, which collects the whole
      // isolate (this process's one heap).
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    }
  }
  return collect;
}

/**
 * Frees the copies a finished stage left behind, when the text the stage produced has `chars` ≥ LARGE_TEXT_CHARS
 * characters; does nothing for smaller texts (a sweep of ordinary configurations never pays for it). Synchronous.
 */
export function releaseLargeCopies(chars: number): void {
  if (chars >= LARGE_TEXT_CHARS) fullCollection()();
}

/** An output reaching this many characters (~256 KB) bounds the process's heap growth from then on. */
export const LARGE_OUTPUT_CHARS = 256 * 1024;

/** Heap growth after a full collection once large outputs are seen: 25 % over what survived, not V8's up to 4×. */
const BOUNDED_GROWTH_PERCENT = 25;

let growthBounded = false;

/**
 * Called as a command's output arrives, with its size so far (characters, or bytes on exec channels). From the
 * first output reaching LARGE_OUTPUT_CHARS (before it is copied into cleaned and stored text), V8
 * lets the heap grow only BOUNDED_GROWTH_PERCENT past what survived its last full collection (the flag is read at
 * every collection). A sweep of 1,000 devices with 500 KB configurations peaked at 288–349 MiB with ~50 MiB live:
 * the rest was V8 waiting for a heap of up to 4× the live data before collecting. Bounded, it stays near 200 MiB.
 * Only then: the bound costs ~25 % more CPU per device on a sweep of ordinary (50 KB) configurations, whose memory
 * is within its limit anyway (docs/benchmarks.md, "sweep"). Stays on for the life of the process.
 */
export function boundHeapGrowthFor(chars: number): void {
  if (growthBounded || chars < LARGE_OUTPUT_CHARS) return;
  growthBounded = true;
  v8.setFlagsFromString(`--heap-growing-percent=${BOUNDED_GROWTH_PERCENT}`);
}
