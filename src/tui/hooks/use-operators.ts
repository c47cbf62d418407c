import type { OperatorKeyRow } from '../../console/operator-actions.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

/** The SSH console's operators, one row per key (admins only: other roles get NOT_ALLOWED in the banner). Read on open and Ctrl-r. */
export function useOperators(): QueryState<OperatorKeyRow[]> {
  return useServiceQuery((services) => services.operators());
}
