import type { HostKeyChange } from '../../console/device-actions.js';
import { useBanner } from '../context/banner.js';
import { useServices } from '../context/services.js';

/**
 * Trusts the host key a device presented, as the operator confirmed it (both fingerprints);
 * says so in the banner and calls `then`; refusals (HOST_KEY_CHANGED_MEANWHILE, NOT_ALLOWED…)
 * go to the banner.
 */
export function useAcceptHostKey(then: () => void): (deviceId: string, change: HostKeyChange) => void {
  const services = useServices();
  const banner = useBanner();
  return (deviceId, change) => {
    services.acceptHostKey(deviceId, change).then(
      (done) => {
        banner.show('notice', `${done.hostname}: its new host key is trusted now; r retrieves it`);
        then();
      },
      (err: unknown) => banner.showError(err),
    );
  };
}
