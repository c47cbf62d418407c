/** Generic Linux hosts (exec channel per command, no pty). */
import type { Driver } from './driver.js';

export const linux: Driver = {
  name: 'linux',
  vendor: 'Linux',
  description: 'Generic Linux host (system files over exec)',
  mode: 'exec',
  // Unused in exec mode (no shell, no prompt); kept to the bash default "user@host:dir$" shape (hostname(7)).
  promptPattern: /^[\w.\-]+@[\w.\-]+:.*[$#]$/,
  setupCommands: [],
  commands: [
    { command: 'uname -srm', role: 'info' },
    { command: 'cat /etc/os-release', role: 'info' },
    { command: 'cat /etc/hostname', role: 'config', heading: '==> /etc/hostname <==' },
    { command: 'cat /etc/hosts', role: 'config', heading: '==> /etc/hosts <==' },
    { command: 'cat /etc/resolv.conf', role: 'config', heading: '==> /etc/resolv.conf <==' },
    { command: 'cat /etc/ssh/sshd_config', role: 'config', heading: '==> /etc/ssh/sshd_config <==' },
  ],
  errorPatterns: [/: No such file or directory$/, /: Permission denied$/, /: command not found$/],
  // The files read have no line that changes by itself (kernel release changes only with an upgrade).
  volatileLines: [],
  secretPatterns: [/^(\s*(?:password|passwd|secret)\s*[=:]\s*)(\S+)/im],
  facts: [
    { fact: 'osVersion', command: 'cat /etc/os-release', pattern: /^PRETTY_NAME="?([^"\n]+)"?$/m },
    { fact: 'model', command: 'uname -srm', pattern: /^\S+ \S+ (\S+)$/m },
  ],
  commentPrefix: '# ',
  // The files are the configuration; a failed "cat" is caught by its exit status and error reply.
  configShape: { marker: /\S/, description: 'non-blank line' },
  // The shell is the CLI here: its errors are the error patterns above.
  shellErrors: [],
  // Detection: any OpenSSH server, the bash "user@host:dir$" prompt, and "uname -a" naming the Linux kernel
  // (uname(1)). Linux-based network OSes add their own, stronger evidence on top of these.
  detection: {
    sshIdent: [{ pattern: /^SSH-2\.0-OpenSSH_/, weight: 1 }],
    prompt: [{ pattern: /^[\w.\-]+@[\w.\-]+:[^\s$#]*[$#]$/, weight: 3 }],
    probes: [{ command: 'uname -a', evidence: [{ pattern: /^Linux \S+ \d+\.\d+\S* #/m, weight: 8 }] }],
  },
};
