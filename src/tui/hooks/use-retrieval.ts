import { useState } from 'react';
import type { RetrievalStarted, RetrievalTarget } from '../../console/retrieval-actions.js';
import { useBanner } from '../context/banner.js';
import { useNavigation } from '../context/navigation.js';
import { useServices } from '../context/services.js';
import { plural } from '../format.js';

/** A retrieval this screen started and follows. */
export interface FollowedRetrieval extends RetrievalStarted {
  /** What was asked for, in words ("2 marked devices", "core-sw-01"). */
  what: string;
}

/**
 * Starts retrievals (queued for the daemons when one is alive, else run in this process) and
 * remembers the last one, which the screen follows. Errors (NOT_FOUND, NOT_ALLOWED…) go to the banner.
 * `openLog` opens the followed retrieval's job log (the `log` screen, live; the retrieval goes on
 * when the operator comes back).
 */
export function useRetrieval(): { followed: FollowedRetrieval | null; start(target: RetrievalTarget, what: string): Promise<boolean>; openLog(): void } {
  const services = useServices();
  const banner = useBanner();
  const navigation = useNavigation();
  const [followed, setFollowed] = useState<FollowedRetrieval | null>(null);
  return {
    followed,
    openLog() {
      if (followed) navigation.push('log', { jobId: followed.jobId });
      else banner.show('notice', 'no retrieval started on this screen yet: r retrieves, then l opens its log');
    },
    async start(target, what) {
      try {
        const started = await services.retrieve(target);
        setFollowed({ ...started, what });
        const where = started.mode === 'queued' ? 'queued for the daemons' : 'running in this console (no daemon alive)';
        banner.show('notice', `retrieving ${what} (${plural(started.devices, 'device')}): ${where}`);
        return true;
      } catch (err) {
        banner.showError(err);
        return false;
      }
    },
  };
}
