import type { JobView } from '../../console/jobs-actions.js';
import { useBanner } from '../context/banner.js';
import { useServices } from '../context/services.js';

/**
 * Cancels a job through the console services and says what happened in the banner (a
 * refusal, e.g. NOT_ALLOWED for a viewer, too); `then` runs after a success (re-read the list).
 */
export function useCancelJob(): (job: Pick<JobView, 'id'>, name: string, then?: () => void) => void {
  const services = useServices();
  const banner = useBanner();
  return (job, name, then) => {
    services.cancelJob(job.id).then(
      (result) => {
        const devices = result.childrenCancelled ? ` (${result.childrenCancelled} queued devices with it)` : '';
        if (result.outcome === 'finished') banner.show('notice', `nothing to cancel: ${name} had already ${result.status}`);
        else if (result.outcome === 'cancelled') banner.show('notice', `${name} cancelled${devices}`);
        else banner.show('notice', `cancelling ${name}: it stops at its next device${devices}`);
        then?.();
      },
      (err: unknown) => banner.showError(err),
    );
  };
}
