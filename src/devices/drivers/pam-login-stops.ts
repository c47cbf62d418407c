/**
 * Login stops of CLIs that run on Linux behind sshd and PAM (Dell OS10, NVIDIA Onyx, Ubiquiti EdgeOS): an
 * expired or administrator-reset password makes pam_unix ask for the current and a new password before the CLI
 * starts ("You are required to change your password immediately (administrator enforced)", "(current) UNIX
 * password:" on older PAM, "Current password:" on newer; Linux-PAM pam_unix(8)). NetRaven never answers it.
 */
import type { LoginStop } from './driver.js';

export const PAM_LOGIN_STOPS: LoginStop[] = [
  {
    pattern: /You are required to change your password immediately|^\(current\) UNIX password:$|^Current password:$|^New (?:UNIX )?password:$/i,
    code: 'PASSWORD_EXPIRED',
    action: 'log in once by hand and set a new password, then update the credential in NetRaven',
  },
];
