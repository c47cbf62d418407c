import type { CredentialRow } from '../../console/console-types.js';
import { useKeysetRows, type KeysetRows } from './use-keyset-rows.js';

/** The credentials by name, keyset-paged from the database (never a secret); the list keys while `isActive`. */
export function useCredentials(pageRows: number, isActive: boolean): KeysetRows<CredentialRow> {
  return useKeysetRows((services, request) => services.credentialPage(request), { pageRows, isActive });
}
