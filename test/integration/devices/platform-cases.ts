/**
 * Per-platform cases beyond the shared driver suite (issue 13): other OS families served by one driver, login
 * dialogues and prompt forms, and accounts or addresses that must fail with a clear error. Each case names a
 * transcript variant (`<driver>/<variant>/`) or a dialogue (`<driver>/dialogue/<name>.json`) of the fixtures.
 */

/** Another OS family under the same driver: its own transcript variant and expected text, the facts it must yield. */
export interface Family {
  driver: string;
  variant: string;
  facts: Record<string, string>;
  /** The prompt the session must end with (prompt changes after enable, counters). */
  prompt?: string;
  /** Info commands the device refuses there (one INFO_COMMAND_REJECTED warning each). */
  refused?: string[];
}

export const FAMILIES: Family[] = [
  { driver: 'hp_comware', variant: 'comware5', facts: { model: 'S5120-28C-EI', osVersion: '5.20.99, Release 1808P13', serial: '210235A0G1H123000456' } },
  { driver: 'huawei_vrp', variant: 'vrp5', facts: { model: 'S5720-52X-EI', osVersion: '5.170 (S5720 V200R019C10SPC500)', serial: '2102351931P0K3000456' } },
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
  // PowerConnect / N-series has no "show inventory": refused (a warning), the serial comes from show version.
  { driver: 'dell_os9', variant: 'powerconnect', facts: { model: 'N3048P', osVersion: '6.6.3.10', serial: 'CN0K9F1P2829831A0019A00' }, refused: ['show inventory'] },
];

/**
 * A login dialogue or prompt form that must end in the stored configuration (`prompt`: the prompt the session
 * learns; the dialogue's host name, if it sets one, is read back as core-sw1) or stop with an error code before
 * anything is typed.
 */
export interface DialogueCase {
  driver: string;
  dialogue: string;
  outcome: 'stored' | 'PASSWORD_EXPIRED';
  prompt?: string;
  /** What the session types first (an answer to the dialogue's question). */
  typed?: string;
}

export const DIALOGUES: DialogueCase[] = [
  { driver: 'hp_comware', dialogue: 'password-change', outcome: 'PASSWORD_EXPIRED' },
  { driver: 'huawei_vrp', dialogue: 'change-password', outcome: 'stored', typed: 'n\n' },
  { driver: 'huawei_vrp', dialogue: 'password-expired', outcome: 'PASSWORD_EXPIRED' },
  { driver: 'dell_os10', dialogue: 'password-expired', outcome: 'PASSWORD_EXPIRED' },
  { driver: 'ubiquiti_edge', dialogue: 'password-expired', outcome: 'PASSWORD_EXPIRED' },
  { driver: 'mellanox_onyx', dialogue: 'initial-wizard', outcome: 'PASSWORD_EXPIRED' },
  { driver: 'cisco_ftd', dialogue: 'initial-setup', outcome: 'PASSWORD_EXPIRED' },
  { driver: 'netgear_prosafe', dialogue: 'factory-prompt', outcome: 'stored', prompt: '(M4300-52G) #' },
  { driver: 'cisco_wlc', dialogue: 'custom-prompt', outcome: 'stored', prompt: '(WLC Campus North 2nd Floor 4F-A) >' },
  // The prompt changes after enable: '>' at login, '#' once privileged.
  { driver: 'dell_os10', dialogue: 'privilege-1', outcome: 'stored', prompt: 'core-sw1#' },
  { driver: 'cisco_sb', dialogue: 'privilege-1', outcome: 'stored', prompt: 'core-sw1#' },
  { driver: 'cisco_sb', dialogue: 'in-shell-login', outcome: 'stored', prompt: 'core-sw1#' },
  { driver: 'ruckus_fastiron', dialogue: 'factory-name', outcome: 'stored', prompt: 'SSH@ICX7150-48P Router#' },
];

/** A case that must fail, with the error code and the words the operator needs; nothing is stored. */
export interface Refusal {
  driver: string;
  /** The transcript variant (the main transcript when absent). */
  variant?: string;
  /** A dialogue whose simulator options start the device. */
  dialogue?: string;
  /** Simulator options of the case (a different enable secret…). */
  options?: Record<string, unknown>;
  /** Shown in the test name. */
  about: string;
  code: string;
  says: string[];
}

export const REFUSALS: Refusal[] = [
  { driver: 'hp_comware', variant: 'no-privilege', about: 'an account whose role may not display the configuration', code: 'COMMAND_REJECTED', says: ['"Permission denied."', 'privilege level'] },
  { driver: 'ubiquiti_edge', variant: 'edgeswitch', options: { enableSecret: 'other-secret' }, about: 'an EdgeSwitch with a wrong enable secret', code: 'AUTH_FAILED', says: ['refused the enable secret'] },
  { driver: 'cumulus_linux', variant: 'read-only', about: 'an account in neither NVUE group (the exec command exits non-zero)', code: 'COMMAND_REJECTED', says: ['exit status 127', 'permission denied'] },
  { driver: 'sonic', variant: 'no-access', about: 'an account without CONFIG_DB access or password-less sudo', code: 'COMMAND_REJECTED', says: ['exit status 127', 'sudo: a password is required'] },
  { driver: 'pfsense', variant: 'unprivileged', about: 'an account that may not read config.xml (cat exits non-zero)', code: 'COMMAND_REJECTED', says: ['exit status 127', 'Permission denied'] },
  { driver: 'aruba_aos', options: { enableSecret: 'other-secret' }, about: 'a wrong enable secret', code: 'AUTH_FAILED', says: ['enable', 'refused the enable secret'] },
  // Accounts below the privilege the configuration needs, whose enable secret the device refuses.
  { driver: 'dell_os10', dialogue: 'privilege-1', options: { enableSecret: 'other-secret' }, about: 'a privilege-1 account with a wrong enable secret', code: 'AUTH_FAILED', says: ['enable'] },
  { driver: 'cisco_sb', dialogue: 'privilege-1', options: { enableSecret: 'other-secret' }, about: 'a privilege-1 account with a wrong enable secret', code: 'AUTH_FAILED', says: ['enable'] },
  // The address reaches the FX-OS chassis manager, not the FTD CLI: never read the wrong CLI.
  { driver: 'cisco_ftd', dialogue: 'fxos-prompt', about: 'an address that reaches the FX-OS chassis manager', code: 'PROMPT_NOT_FOUND', says: ['firepower#'] },
];
