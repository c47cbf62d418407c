import { describe, expect, it } from 'vitest';
import { LARGE_TEXT_CHARS, releaseLargeCopies } from '../../../src/devices/large-text-memory.js';

/** A dead object only a WeakRef still names (made in its own frame, so no stack slot here keeps it). */
function deadObject(): WeakRef<object> {
  return new WeakRef({ text: 'x'.repeat(1000) });
}

describe('releaseLargeCopies', () => {
  it('for a text of LARGE_TEXT_CHARS or more, collects garbage there and then (a dead object is gone)', async () => {
    const ref = deadObject();
    // A WeakRef's target is kept until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    releaseLargeCopies(LARGE_TEXT_CHARS);
    expect(ref.deref()).toBeUndefined();
  });

  it('below the threshold collects nothing (ordinary configurations never pay for a full collection)', async () => {
    const ref = deadObject();
    await new Promise((resolve) => setImmediate(resolve));
    // Nothing is allocated in between, so V8 has no reason of its own to collect.
    releaseLargeCopies(LARGE_TEXT_CHARS - 1);
    expect(ref.deref()).toBeDefined();
  });
});
