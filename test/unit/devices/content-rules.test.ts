import { describe, expect, it } from 'vitest';
import { VOLATILE_MARKER, applyContentRules, compileContentRules } from '../../../src/devices/content-rules.js';
import type { Driver } from '../../../src/devices/drivers/driver.js';
import { getDriver } from '../../../src/devices/drivers/registry.js';
import { REDACTION_MARKER } from '../../../src/devices/redaction.js';

function apply(driver: string | Driver, text: string, redact = false) {
  const d = typeof driver === 'string' ? getDriver(driver) : driver;
  return applyContentRules(text, compileContentRules(d), { redact, isConfig: true });
}

const KEY_BODY = ['MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIUHQUqR1UiC4CAggA', 'MAwGCCqGSIb3DQIJBQAwFAYIKoZIhvcNAwcECNh7Yk1Xa2pKBIIEyP9Lm0Nq3rS4'];

describe('block rules', () => {
  it('a FortiOS private key is volatile: one stable marker, never a line of the key, redaction or not', () => {
    const config = (body: string[]) =>
      ['config vpn certificate local', '    edit "vpn-cert"', '        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----', ...body, '-----END ENCRYPTED PRIVATE KEY-----"', '    next', 'end'].join('\n');
    const first = apply('fortinet_fortios', config(KEY_BODY));
    const second = apply('fortinet_fortios', config(['MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIq7vX0dLcEY0CAggA', 'Q1R5c2Z0b3BwZXJzLXJlLWVuY3J5cHRlZC1rZXktYm9keS1vbi1lYWNoLXNob3c=', 'AAAA']));
    expect(first.text).toBe(second.text);
    expect(first.text).toContain(`\n${VOLATILE_MARKER}\n-----END ENCRYPTED PRIVATE KEY-----"`);
    for (const line of KEY_BODY) expect(first.text).not.toContain(line);
    expect(apply('fortinet_fortios', config(KEY_BODY), true).text).toBe(first.text);
  });

  it('a PEM private key is kept without redaction and fully replaced with it; certificates stay', () => {
    const cx = getDriver('aruba_aoscx');
    const text = ['crypto pki ta-profile root-ca', '    ta-certificate', '-----BEGIN CERTIFICATE-----', 'MIIBszCCAVmgAwIBAgIU', '-----END CERTIFICATE-----', '-----BEGIN RSA PRIVATE KEY-----', ...KEY_BODY, '-----END RSA PRIVATE KEY-----', '!Version ArubaOS-CX FL.10.11'].join('\n');
    expect(apply(cx, text).text).toBe(text);
    const redacted = apply(cx, text, true).text;
    for (const line of KEY_BODY) expect(redacted).not.toContain(line);
    expect(redacted).toContain(`-----BEGIN RSA PRIVATE KEY-----\n${REDACTION_MARKER}\n-----END RSA PRIVATE KEY-----`);
    expect(redacted).toContain('MIIBszCCAVmgAwIBAgIU');
  });

  it('an IOS banner is kept verbatim: a line that looks volatile, secret or like the marker stays, and "end" inside does not count', () => {
    const banner = ['banner motd ^C', 'Uptime for this control processor is never shown here', 'snmp-server community notASecret RO', 'end', '^C'];
    const result = apply('cisco_ios', ['hostname a', ...banner, 'line vty 0 4'].join('\n'), true);
    expect(result.text).toBe(['hostname a', ...banner, 'line vty 0 4'].join('\n'));
    expect(result.markerSeen).toBe(false);
  });

  it('a one-line banner closes on its own line; the rules apply again right after it', () => {
    const result = apply('cisco_ios', 'banner login ^CAuthorised access only^C\nsnmp-server community s3cret RO\nend', true);
    expect(result.text).toBe(`banner login ^CAuthorised access only^C\nsnmp-server community ${REDACTION_MARKER} RO\nend`);
    expect(result).toMatchObject({ markerSeen: true, unterminated: null });
  });

  it('NX-OS and AOS-CX banners end with the delimiter the operator chose', () => {
    expect(apply('cisco_nxos', 'version 9.3(12)\nbanner motd #\nWelcome, see !Time: below\n#\nhostname n').text).toBe('version 9.3(12)\nbanner motd #\nWelcome, see !Time: below\n#\nhostname n');
    expect(apply('aruba_aoscx', '!Version ArubaOS-CX FL\nbanner motd !\nCurrent configuration:\n!\nhostname c').text).toBe('!Version ArubaOS-CX FL\nbanner motd !\nCurrent configuration:\n!\nhostname c');
  });

  it('an EOS banner ends with EOF', () => {
    expect(apply('arista_eos', 'banner login\n! Time: not a header\nEOF\nend').text).toBe('banner login\n! Time: not a header\nEOF\nend');
  });

  it('a certificate chain is kept and its start line never opens a banner', () => {
    const chain = ['crypto pki certificate chain TP-self-signed-1', ' certificate self-signed 01', '  30820330 30820218 A0030201 02020101', '  \tquit'];
    expect(apply('cisco_ios', [...chain, 'end'].join('\n')).text).toBe([...chain, 'end'].join('\n'));
  });

  it('reports the block that never ends', () => {
    expect(apply('cisco_ios', 'hostname a\ncrypto pki certificate chain X\n certificate ca 01\n  3082\nend').unterminated).toEqual({ block: 'certificate', line: 3 });
  });

  it('a FortiOS multi-line quoted value (certificate, message buffer) is kept, escaped quotes included', () => {
    const value = ['    set buffer "<html><a href=\\"https://portal.example.net\\">', 'System time: not a status line', '</html>"', '    next'];
    expect(apply('fortinet_fortios', value.join('\n')).text).toBe(value.join('\n'));
  });
});

describe('the one pass', () => {
  it('tests the configuration marker before volatile lines go (a RouterOS export header is both)', () => {
    const result = apply('mikrotik_routeros', '# 2024-03-05 10:00:00 by RouterOS 7.12.1\n/system identity set name=r1');
    expect(result).toEqual({ text: '/system identity set name=r1', markerSeen: true, unterminated: null, incomplete: [] });
  });

  it('patterns with back-references are tested one by one, not joined', () => {
    const driver: Driver = { ...getDriver('linux'), volatileLines: [/^(a)\1$/, /^x/i] };
    expect(apply(driver, 'aa\nab\nX1').text).toBe('ab');
  });

  it('trims blank lines at both ends and keeps the interior ones', () => {
    expect(apply('cisco_ios', '\n\nhostname a\n\n!\nend\n\n').text).toBe('hostname a\n\n!\nend');
  });
});

describe('FortiOS encrypted values', () => {
  it('an ENC value quoted across lines is volatile like a one-line one, its start line included', () => {
    const text = (salt: string) => `    set password ENC SH2${salt}abcdefgh\n    set private-key ENC "AKx${salt}Blob\nQmxvYjI=${salt}\n"\n    set range global`;
    const first = apply('fortinet_fortios', text('1')).text;
    expect(first).toBe(`    set password ENC <encrypted>\n    set private-key ENC "\n${VOLATILE_MARKER}\n"\n    set range global`);
    expect(apply('fortinet_fortios', text('2')).text).toBe(first);
  });
});
