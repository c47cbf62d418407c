/**
 * What HPE Comware / H3C and Huawei VRP really share: both descend from the same CLI (the "display" verbs,
 * "<host>" user view and "[host]" system view, "#"-separated configuration ending in "return") and page
 * through the same "---- More ----" prompt, which they erase with a cursor-left sequence.
 */
import type { PagerForm } from '../pager.js';

/**
 * "<host>" (user view), "[host]" / "[host-view]" (system and deeper views), "[~host]" / "[*host]" (VRP 8
 * two-stage commit, "*" = uncommitted changes); a Comware 7 firewall in an RBM pair adds "RBM_P"/"RBM_S".
 * `name` is the character class of the host name with its length bounds, e.g. "[^\\s<>\\[\\]]{1,64}".
 */
export function viewPrompt(name: string): RegExp {
  return new RegExp(`^(?:RBM_[PS])?(?:<${name}>|\\[[~*]?${name}(?:-[^\\s\\[\\]]{1,80})?\\])$`);
}

/** "  ---- More ----" (Comware 7, VRP 5/8): a space shows the next page. */
export const MORE_DASHES: PagerForm = { name: 'vrp-comware-more', pattern: /^\s*---- More(?: \(\d+%\))? ----$/, reply: ' ' };

/** The caret-marker replies of both CLIs ("% Unrecognized command found at '^' position.", VRP: "Error: …"). */
export const CARET_ERRORS: RegExp[] = [
  /^\s*%? ?(?:Error: )?(?:Unrecognized command|Incomplete command|Too many parameters|Wrong parameter|Ambiguous command) found at '\^' position\.?$/,
];
