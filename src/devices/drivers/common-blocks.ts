/** Block rules several platforms share: PEM text (RFC 7468) and banners closed by their own delimiter. */
import type { BlockRule } from './driver.js';

/**
 * The end of a banner whose delimiter is capture group 1 of the start match: anywhere on a line
 * ("^C" closes an IOS banner after its last text) or, with `wholeLine`, a line holding only it.
 */
export function delimiterEnd(wholeLine: boolean): (start: RegExpExecArray) => RegExp {
  return (start) => {
    const literal = start[1]!.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    return new RegExp(wholeLine ? `^${literal}$` : literal);
  };
}

/** "-----BEGIN [RSA |EC |ENCRYPTED ]PRIVATE KEY-----" … "-----END … PRIVATE KEY-----": no body line is stored when redacting. */
export const PEM_PRIVATE_KEY: BlockRule = {
  name: 'PEM private key',
  start: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/,
  end: /-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/,
  kind: 'secret',
};

/** Certificates and certificate requests: public, kept verbatim, never scanned by the line rules. */
export const PEM_CERTIFICATE: BlockRule = {
  name: 'PEM certificate',
  start: /-----BEGIN (?:[A-Z0-9]+ )*CERTIFICATE(?: REQUEST)?-----/,
  end: /-----END (?:[A-Z0-9]+ )*CERTIFICATE(?: REQUEST)?-----/,
  kind: 'keep',
};
