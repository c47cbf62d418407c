/**
 * The drivers issue 13's branch platforms-c adds, and the extra transcripts their own tests run (other OS
 * families under one driver, login dialogues, refusals). Until the shared driver suite lands, the variant
 * tests in platforms-c-drivers.test.ts iterate this list.
 */
export const PLATFORMS_C = ['hp_comware', 'huawei_vrp', 'aruba_aos', 'aruba_instant', 'extreme_exos', 'nokia_sros', 'ciena_saos', 'ubiquiti_edge', 'cumulus_linux', 'sonic', 'pfsense', 'opnsense'];

/** Another OS family under the same driver: its own transcript variant, the facts it must yield. */
export interface Family {
  driver: string;
  variant: string;
  facts: Record<string, string>;
  /** The prompt the session must end with (prompt changes after enable, counters). */
  prompt?: string;
  /** Info commands the device refuses (warnings). */
  refused?: string[];
}

export const FAMILIES: Family[] = [
  { driver: 'hp_comware', variant: 'comware5', facts: { model: 'S5120-28C-EI', osVersion: '5.20.99, Release 1808P13', serial: '210235A0G1H123000456' } },
  // A star appears in the prompt mid-session (another session changed the configuration): the session follows it.
  { driver: 'extreme_exos', variant: 'star-appears', prompt: '* core-sw1.5 #', facts: { model: 'X460G2-48t-10G4', osVersion: '30.7.1.1', serial: '1943G-01234' } },
  // The classic CLI refuses the MD-CLI paging and configuration commands: their fallbacks are used.
  { driver: 'nokia_sros', variant: 'classic', prompt: 'A:core-sw1#', facts: { model: '7750 SR-c12', osVersion: 'B-19.10.R7', serial: 'NS0987K4321' } },
  // EdgeSwitch under the same driver: enable changes the prompt, the EdgeOS command is refused, the fallback used.
  { driver: 'ubiquiti_edge', variant: 'edgeswitch', prompt: '(core-sw1) #', facts: { model: 'ES-24-250W', osVersion: '1.9.3.5352898', serial: 'F09FC2123456' } },
  // Cumulus Linux 4.x has no NVUE: "nv" exits 127, the NCLU fallbacks are used ("nv show platform" has none).
  { driver: 'cumulus_linux', variant: 'nclu', facts: { model: 'SN2410', osVersion: '4.4.5', serial: 'MT2231X12399' }, refused: ['nv show platform'] },
  // An account that may not read CONFIG_DB: the saved config_db.json is read with a non-interactive sudo.
  { driver: 'sonic', variant: 'saved-config', facts: { model: 'DCS-7050CX3-32S', osVersion: '202305.1-8a7d2f1c3', serial: 'JPE21345678' } },
  { driver: 'huawei_vrp', variant: 'vrp5', facts: { model: 'S5720-52X-EI', osVersion: '5.170 (S5720 V200R019C10SPC500)', serial: '2102351931P0K3000456' } },
];

/** A transcript variant that must fail, with the error code and words the operator needs. */
export interface Refusal {
  driver: string;
  /** The transcript variant (the main transcript when absent). */
  variant?: string;
  /** Simulator options of the case (a different enable secret…). */
  options?: Record<string, unknown>;
  /** Shown in the test name. */
  about: string;
  code: string;
  says: string[];
}

export const REFUSALS: Refusal[] = [
  // An account whose user role may not display the configuration.
  { driver: 'hp_comware', variant: 'no-privilege', about: 'an account whose role may not display the configuration', code: 'COMMAND_REJECTED', says: ['"Permission denied."', 'privilege level'] },
  { driver: 'ubiquiti_edge', variant: 'edgeswitch', options: { enableSecret: 'other-secret' }, about: 'an EdgeSwitch with a wrong enable secret', code: 'AUTH_FAILED', says: ['refused the enable secret'] },
  { driver: 'cumulus_linux', variant: 'read-only', about: 'an account in neither NVUE group (the exec command exits non-zero)', code: 'COMMAND_REJECTED', says: ['exit status 127', 'permission denied'] },
  { driver: 'sonic', variant: 'no-access', about: 'an account without CONFIG_DB access or password-less sudo', code: 'COMMAND_REJECTED', says: ['exit status 127', 'sudo: a password is required'] },
  { driver: 'pfsense', variant: 'unprivileged', about: 'an account that may not read config.xml (cat exits non-zero)', code: 'COMMAND_REJECTED', says: ['exit status 127', 'Permission denied'] },
  { driver: 'aruba_aos', options: { enableSecret: 'other-secret' }, about: 'a wrong enable secret', code: 'AUTH_FAILED', says: ['enable', 'refused the enable secret'] },
];

/** Login dialogues (dialogue/<name>.json): answered (the configuration is stored) or stopped with a code. */
export const DIALOGUES: { driver: string; dialogue: string; outcome: 'stored' | 'PASSWORD_EXPIRED'; typed?: string }[] = [
  { driver: 'hp_comware', dialogue: 'password-change', outcome: 'PASSWORD_EXPIRED' },
  { driver: 'huawei_vrp', dialogue: 'change-password', outcome: 'stored', typed: 'n\n' },
  { driver: 'huawei_vrp', dialogue: 'password-expired', outcome: 'PASSWORD_EXPIRED' },
];
