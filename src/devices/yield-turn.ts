/** One turn of the event loop between the stages of a large retrieval. */

/**
 * Resolves on the next event-loop turn (setImmediate). Between retrieval stages that each copy a large
 * configuration (cleaning, content rules, assembly, storing), V8 finishes the incremental marking it started only
 * in such a task: without the turn, a 100 MB configuration's earlier copies stayed uncollected through the whole
 * synchronous stretch and the peak RSS grew by several of them (measured in `npm run bench -- big-config`).
 */
export function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
