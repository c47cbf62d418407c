/**
 * Ciena SAOS 10 (5164, 5166, 5168, 5170, 5171, 8110 and other packet platforms running SAOS 10.x), whose CLI is
 * generated from the same YANG models its NETCONF server serves. Written from the Ciena "SAOS 10.x CLI
 * Reference" and "Configuration Guide - Administration" (CLI modes, "set session more off", "show
 * running-config", "show software", "show system components", OpenConfig system and AAA models) and Ciena's own
 * ciena.saos10 Ansible collection (its terminal plugin: prompts and the CLI's error replies). SAOS 6/8
 * (legacy "configuration show" CLI) is a different platform and not served by this driver.
 */
import type { Driver } from './driver.js';

export const cienaSaos: Driver = {
  name: 'ciena_saos',
  vendor: 'Ciena',
  description: 'Ciena SAOS 10.x packet platforms',
  mode: 'shell',
  // "core-sw1>" in operational mode, "core-sw1*>" while the configuration has unsaved changes,
  // "admin@core-sw1#" / "admin@core-sw1(config)#" in configuration mode. Name rule: SAOS 10 "system config
  // hostname" is the OpenConfig domain-name type, letters, digits, '-' and '.', up to 253 characters.
  promptPattern: /^(?:[\w.\-]{1,32}@)?[\w.\-]{1,253}(?:\([^()]{1,64}\)){0,3}\*?[>#]$/,
  // Another session's change adds the star: it does not move this session.
  promptVariable: /\*(?=[>#]$)/,
  // "set session more off" turns the pager off for this session only (CLI Reference, "set session").
  setupCommands: ['set session more off'],
  commands: [
    { command: 'show software', role: 'info' },
    { command: 'show system components', role: 'info' },
    // The running configuration as the path-per-line commands of the CLI, secrets hashed or encrypted: what
    // "config save" keeps and what the CLI (or NETCONF, from the same YANG models) replays to restore the node.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^SHELL PARSER FAILURE/, /^ERROR: /, /^Error: /, /^syntax error: /, /^Aborted: /],
  // The configuration header: when and on which terminal it was displayed.
  volatileLines: [/^! Created: /, /^! On terminal: /],
  secretPatterns: [/(\b(?:password-hashed|secret-key|auth-password|priv-password|pre-shared-key|key-string) ")([^"]+)/],
  facts: [
    { fact: 'model', command: 'show system components', pattern: /^\| Chassis\s+\| (\S+)/m },
    { fact: 'serial', command: 'show system components', pattern: /^\| Chassis\s+\| \S+\s+\| (\S+)/m },
    { fact: 'osVersion', command: 'show software', pattern: /^\| Running Package Version\s+\| saos-(\S+)/im },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: { marker: /^(?:oc-sys:)?system config hostname "/, description: '"system config hostname" line' },
  // SAOS 10 has no system shell an account can land in (its "diag shell" needs an explicit command).
  shellErrors: [],
  // Detection: the prompt shape is common, so the probes decide: the CLI's own refusal of another vendor's
  // "show version" ("SHELL PARSER FAILURE", Ciena's wording since SAOS 6) points at Ciena, and "show software"
  // names the SAOS 10 package ("saos-10-09-00-0374").
  detection: {
    prompt: [{ pattern: /^[\w.\-]+\*?>$/, weight: 2 }],
    probes: [
      { command: 'show version', evidence: [{ pattern: /^SHELL PARSER FAILURE/m, weight: 5 }] },
      { command: 'show software', evidence: [{ pattern: /\| Running Package Version\s+\| saos-10-/i, weight: 10 }] },
    ],
  },
};
