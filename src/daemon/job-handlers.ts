import { JobHandlerRegistry } from '../jobs/job-handler.js';
import { purgeJobHandler } from '../jobs/purge.js';

/** The handlers a daemon runs: kind → what to do. */
export function daemonHandlers(): JobHandlerRegistry {
  return new JobHandlerRegistry().register('purge', purgeJobHandler);
}
