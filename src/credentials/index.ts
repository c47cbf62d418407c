// The credential store's public API, for the retrieval layer and the console.
export { openCredential, type OpenedCredential, type SealedCredential } from './credential-opening.js';
export { credentialsFor, recordAttempt, type CandidateCredential } from './credential-selection.js';
export { getCredential, listCredentials, type CredentialSummary } from './credential-queries.js';
export { createCredential, deleteCredential, updateCredential, type CredentialChanges, type CredentialStore, type NewCredential } from './credential-service.js';
export { tagCredential, untagCredential } from './credential-tags.js';
export { rotateKeys, type RotationOptions, type RotationProgress, type RotationResult } from './key-rotation.js';
export { keyStatus, type KeyStatus } from './key-status.js';
export { verifyCredentials, type VerifyResult } from './key-verify.js';
export { ensureKeyring } from './keyring-setup.js';
export { defaultKeyring, keyringFromEnvironment, KeyringSource } from './keyring-source.js';
