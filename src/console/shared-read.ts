/**
 * Reads shared by the sessions of one SSH console server: a read asked for again within its
 * window (or while it runs) is answered by the same promise. The sessions all refresh after
 * the same job notice, so 50 overviews would run 50 identical sets of queries; with this they
 * run one. Every NOTIFY the server hears (jobs, job logs, settings) forgets what was read, so
 * the refresh a notice causes never gets data from before it. A failed read is forgotten at
 * once. The local console (one session) does not share: its reads are always fresh.
 */

/** Runs `read`, or returns the one under `key` started less than `ms` ago. */
export type ShareRead = <T>(key: string, ms: number, read: () => Promise<T>) => Promise<T>;

/** No sharing: every read runs. */
export const unshared: ShareRead = (_key, _ms, read) => read();

/** A ShareRead for one console server (keys name what is read: 'overview', 'daemons'); `forget` drops every read kept. */
export function sharedReads(): { share: ShareRead; forget(): void } {
  const recent = new Map<string, { at: number; read: Promise<unknown> }>();
  const share = <T>(key: string, ms: number, read: () => Promise<T>): Promise<T> => {
    const last = recent.get(key);
    if (last && Date.now() - last.at < ms) return last.read as Promise<T>;
    const started = read();
    recent.set(key, { at: Date.now(), read: started });
    started.catch(() => {
      if (recent.get(key)?.read === started) recent.delete(key);
    });
    return started;
  };
  return { share, forget: () => recent.clear() };
}
