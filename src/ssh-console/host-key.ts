/**
 * The SSH console's host key: what operators' clients pin on first connect, so it must never
 * change while it exists. Either NETRAVEN_SSH_HOST_KEY names a key file (a mounted secret: read,
 * never written), or an ed25519 key is generated once into `<NETRAVEN_HOME>/ssh/` and read from
 * there ever after. ssh2 1.17 reads ed25519 host keys in the OpenSSH format only (what
 * `ssh-keygen -t ed25519` and ssh2's own generateKeyPairSync write); a PKCS#8 PEM file is refused
 * with what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { netravenHome } from '../config/paths.js';
import { createFileAtomic } from '../credentials/atomic-file.js';
import { fingerprintOf } from '../devices/host-key.js';
import { NetRavenError } from '../errors.js';

// ssh2 is CommonJS: utils is only reachable through the default export under ESM.
const { utils } = ssh2;

/** Host key files are small: an RSA 16384-bit private key in OpenSSH format is about 12.5 KB. */
const HOST_KEY_MAX_BYTES = 16 * 1024;

export interface HostKey {
  /** The private key text as ssh2's Server takes it. */
  privateKey: string;
  /** `ssh-ed25519` (or the type of a key given in NETRAVEN_SSH_HOST_KEY). */
  type: string;
  /** `SHA256:…`, as `ssh-keygen -l` and the client's first-connect question show it. */
  fingerprint: string;
  /** `type base64`: the known_hosts form. */
  publicKey: string;
  file: string;
  /** environment: NETRAVEN_SSH_HOST_KEY; home: generated once under NETRAVEN_HOME (now or earlier). */
  source: 'environment' | 'home';
  /** True when this call generated it. */
  generated: boolean;
  /** Warnings for the server log (a key file group or others may read). */
  warnings: string[];
}

/** Where the host key is: NETRAVEN_SSH_HOST_KEY, else `<NETRAVEN_HOME>/ssh/ssh_host_ed25519_key`. */
export function hostKeyFile(env: NodeJS.ProcessEnv = process.env): { file: string; source: HostKey['source'] } {
  if (env.NETRAVEN_SSH_HOST_KEY) return { file: path.resolve(env.NETRAVEN_SSH_HOST_KEY), source: 'environment' };
  return { file: path.join(netravenHome(env), 'ssh', 'ssh_host_ed25519_key'), source: 'home' };
}

function invalid(file: string, why: string): NetRavenError {
  return new NetRavenError('SSH_HOST_KEY_INVALID', `SSH host key ${file} ${why}`, { details: { file } });
}

/** Reads and checks a host key file: a regular file, not writable by others, one unencrypted private key ssh2 can use. */
function readHostKey(file: string, source: HostKey['source']): HostKey {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw invalid(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})${source === 'environment' ? ': NETRAVEN_SSH_HOST_KEY must name an existing private key file (ssh-keygen -t ed25519 -N "" -f FILE)' : ''}`);
  }
  if (!stat.isFile()) throw invalid(file, 'is not a regular file');
  if (stat.size > HOST_KEY_MAX_BYTES) throw invalid(file, `holds ${stat.size} bytes: a private key file is a few kilobytes`);
  // Anyone who can replace the key can impersonate the console: refuse what others may write.
  if ((stat.mode & 0o022) !== 0) throw invalid(file, `may be changed by group or others (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 it`);
  const warnings = (stat.mode & 0o044) !== 0 ? [`SSH host key ${file} may be read by group or others (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 it, or mount the secret with mode 0400`] : [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw invalid(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (/-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(text)) throw invalid(file, 'is a PKCS#8 PEM key, which ssh2 cannot use as a host key: make one with ssh-keygen -t ed25519 -N "" -f FILE');
  const parsed = utils.parseKey(text) as ParsedKey | ParsedKey[] | Error;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) {
    const why = key instanceof Error ? key.message : 'no key';
    throw invalid(file, /passphrase|encrypted/i.test(why) ? 'is encrypted: a host key is read unattended; give an unencrypted one (ssh-keygen -N "")' : `is not a private key ssh2 can read (${why})`);
  }
  if (!key.isPrivateKey()) throw invalid(file, 'is a public key: give the private key file');
  const blob = key.getPublicSSH();
  return { privateKey: text, type: key.type, fingerprint: fingerprintOf(blob), publicKey: `${key.type} ${blob.toString('base64')}`, file, source, generated: false, warnings };
}

/**
 * The host key, generated first when `create` is set and the home has none (atomically: two
 * servers starting at once end up with the same key; an existing key is never replaced).
 * SSH_HOST_KEY_INVALID for a key file that cannot serve (the message says how to fix it),
 * SSH_HOST_KEY_UNWRITABLE when the home cannot take a new one; without `create`, a missing
 * key of the home is SSH_HOST_KEY_INVALID ("start serve-ssh once").
 */
export function loadHostKey(env: NodeJS.ProcessEnv = process.env, options: { create: boolean } = { create: true }): HostKey {
  const { file, source } = hostKeyFile(env);
  let generated = false;
  if (source === 'home' && !fs.existsSync(file)) {
    if (!options.create) throw invalid(file, 'does not exist yet: `netraven serve-ssh` generates it on its first start');
    const pair = utils.generateKeyPairSync('ed25519', { comment: 'netraven serve-ssh host key' });
    try {
      generated = createFileAtomic(file, pair.private);
    } catch (err) {
      throw new NetRavenError('SSH_HOST_KEY_UNWRITABLE', `cannot create the SSH host key ${file} (${(err as { cause?: NodeJS.ErrnoException }).cause?.code ?? 'error'}): make ${path.dirname(file)} writable, or set NETRAVEN_SSH_HOST_KEY to a key file`, { cause: err, details: { file } });
    }
  }
  return { ...readHostKey(file, source), generated };
}
