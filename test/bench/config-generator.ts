import { randomBytes } from 'node:crypto';

const PORT_ROLES = ['AP', 'PRN', 'CAM', 'USER', 'PHONE', 'BADGE', 'TV', 'UPS'];

/**
 * A plausible 20–50 KB Cisco IOS access-switch configuration, unique per device: a few
 * SVIs, shared infrastructure addresses (NTP, syslog, AAA), 96–192 access ports with
 * descriptions, an ACL and a PKI certificate (hex) as real configurations carry.
 */
export function accessSwitchConfiguration(i: number): string {
  const site = i % 200;
  const ports = 96 + 24 * (i % 5);
  const out: string[] = [
    'version 17.9', 'service timestamps debug datetime msec', 'service password-encryption', `hostname sw-${i}`, '!',
    `enable secret 9 $9$${randomBytes(12).toString('base64')}`, `username netops privilege 15 secret 9 $9$${randomBytes(18).toString('base64')}`,
    'aaa new-model', 'aaa authentication login default group tacacs+ local', `ip domain name site${site}.example.net`,
    'ip name-server 10.0.0.53 10.0.1.53', 'ntp server 10.0.0.123', 'ntp server 10.0.1.123', 'logging host 10.0.0.514',
    `snmp-server community ${i % 100 === 0 ? 'shared-ro-1pct' : `c-${randomBytes(6).toString('hex')}`} RO 10`,
    `snmp-server location Building ${site} floor ${i % 7}`, 'spanning-tree mode rapid-pvst', '!',
  ];
  for (const vlan of [10, 20, 30, 40, 99]) out.push(`vlan ${vlan}`, ` name ${['DATA', 'VOICE', 'CAMERAS', 'PRINTERS', 'MGMT'][vlan / 10 - 1] ?? 'MGMT'}`, '!');
  for (let p = 1; p <= ports; p++) {
    const role = PORT_ROLES[(i + p) % PORT_ROLES.length];
    out.push(`interface GigabitEthernet${1 + Math.floor((p - 1) / 48)}/0/${((p - 1) % 48) + 1}`, ` description ${role}-${site}-${(i * 7 + p) % 400}`,
      ' switchport mode access', ` switchport access vlan ${[10, 10, 30, 40, 10, 10, 10, 10][(i + p) % 8]}`, ' switchport voice vlan 20',
      ' spanning-tree portfast', ' spanning-tree bpduguard enable', '!');
  }
  out.push('interface Vlan99', ` ip address 10.${site}.99.${(i % 250) + 2} 255.255.255.0`, '!', `ip default-gateway 10.${site}.99.1`);
  out.push('ip access-list extended MGMT-IN');
  for (let r = 0; r < 20 + (i % 40); r++) out.push(` ${10 * (r + 1)} permit tcp 10.${site}.${r}.0 0.0.0.255 any eq 22`);
  out.push('crypto pki certificate chain TP-self-signed', ' certificate self-signed 01');
  const cert = randomBytes(1500 + (i % 4) * 700).toString('hex').toUpperCase();
  for (let c = 0; c < cert.length; c += 64) out.push(`  ${cert.slice(c, c + 64).replace(/(.{8})/g, '$1 ').trim()}`);
  out.push('  quit', 'line vty 0 15', ' transport input ssh', 'end');
  return out.join('\n');
}
