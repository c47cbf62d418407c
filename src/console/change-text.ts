/** How console actions describe a change for its record (src/jobs/change-record.ts): names and public facts only. */
import { quote } from '../credentials/credential-input.js';
import type { CredentialSummary } from '../credentials/credential-queries.js';

/** "password login" or "SSH key ssh-ed25519 SHA256:…"; "with an enable secret" when it has one. Never a secret nor its length. */
export function loginText(summary: CredentialSummary): string {
  const login = summary.keyFingerprint === null ? 'password login' : `SSH key ${summary.keyFingerprint}`;
  return summary.hasEnableSecret ? `${login}, with an enable secret` : login;
}

/** "tags core, lab" or "no tags". */
export function tagsText(tags: readonly string[]): string {
  return tags.length === 0 ? 'no tags' : `tags ${tags.join(', ')}`;
}

/** A credential's name for a log line: quoted, unprintable characters escaped. */
export function credentialText(name: string): string {
  return `credential ${quote(name, 100)}`;
}
