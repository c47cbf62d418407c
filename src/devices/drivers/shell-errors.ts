/**
 * "Command not found" replies of the system shells an account can land in instead of a device CLI
 * (a Junos account in the FreeBSD shell, an EOS or NX-OS user whose shell is bash, a VyOS account
 * without the vbash op mode). Such replies are never a configuration.
 */

/** csh and tcsh (the FreeBSD shell of Junos, prompt "user@host%"): "show: Command not found." */
export const CSH_NOT_FOUND = /^\S+: Command not found\.$/;

/** bash, sh, dash, ash: "-bash: show: command not found", "sh: 1: show: not found", "bash: line 1: show: command not found". */
export const SH_NOT_FOUND = /^-?[\w.]*sh: (?:line )?(?:\d+: )?\S+: (?:command )?not found$/;

/** zsh: "zsh: command not found: show". */
export const ZSH_NOT_FOUND = /^zsh: command not found: \S+$/;

/** The POSIX shells of Linux-based network operating systems. */
export const LINUX_SHELL_ERRORS: RegExp[] = [SH_NOT_FOUND, ZSH_NOT_FOUND];
