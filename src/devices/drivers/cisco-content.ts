/** Content rules shared by the Cisco-style CLIs: configuration shape, banner and certificate blocks. */
import { delimiterEnd } from './common-blocks.js';
import type { BlockRule, ConfigShape } from './driver.js';

/** Configuration shape of the IOS-style CLIs whose running configuration ends with "end" (IOS, IOS-XE, IOS-XR, EOS). */
export const ENDS_WITH_END: ConfigShape = { marker: /^end$/, description: 'final "end" line' };

/**
 * Banners: "banner motd ^C … ^C". IOS shows every delimiter as "^C"; IOS-XR and NX-OS show the
 * character the operator chose ("banner motd #…#"). The text between is kept verbatim: a banner
 * line may look like a volatile line, a secret or the "end" marker. (Cisco IOS Configuration
 * Fundamentals Command Reference, "banner motd": the delimiter cannot appear in the banner text.)
 */
export const CISCO_BANNER: BlockRule = {
  name: 'banner',
  start: /^banner [\w-]+ (\S)/,
  end: delimiterEnd(false),
  kind: 'keep',
};

/**
 * Certificates of a PKI trustpoint ("crypto pki certificate chain" on IOS, "crypto ca certificate
 * chain" on ASA): hex lines closed by "quit". Public data, kept verbatim and never scanned by the
 * line rules (they are most of a small configuration's lines).
 */
export const CISCO_CERTIFICATE: BlockRule = {
  name: 'certificate',
  start: /^\s*certificate (?:(?:self-signed|ca|rollover) )?[0-9A-Fa-f]+$/,
  end: /^\s*quit$/,
  kind: 'keep',
};
