import { useMemo } from 'react';
import type { CredentialActions } from '../../console/credential-actions.js';
import { useServices } from '../context/services.js';
import { sanitiseDeep } from '../safe-data.js';

/** The credential actions of the console services; what they return is sanitised like every data hook's. */
export function useCredentialActions(): Omit<CredentialActions, 'credentialPage'> {
  const services = useServices();
  return useMemo(
    () => ({
      credentialRemovalImpact: async (id) => sanitiseDeep(await services.credentialRemovalImpact(id)),
      checkCredentialField: async (field, text, current) => sanitiseDeep(await services.checkCredentialField(field, text, current)),
      checkKeyFile: async (file, name) => sanitiseDeep(await services.checkKeyFile(file, name)),
      addCredential: async (input) => sanitiseDeep(await services.addCredential(input)),
      updateCredential: async (name, edit) => sanitiseDeep(await services.updateCredential(name, edit)),
      setCredentialTags: async (name, tags) => sanitiseDeep(await services.setCredentialTags(name, tags)),
      removeCredential: async (name) => sanitiseDeep(await services.removeCredential(name)),
    }),
    [services],
  );
}
