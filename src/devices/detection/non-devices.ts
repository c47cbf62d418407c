/**
 * Things that answer SSH but are not network devices NetRaven should log into or type at: printers, and
 * console servers whose SSH session lands on the serial console of *another* device (which may be
 * mid-dialogue: a stray Enter could confirm a reload). Seen in the SSH identification or authentication
 * banner they stop detection before any credential is sent; seen in the text before the first prompt they
 * stop it before anything is typed.
 */

export interface NonDevice {
  kind: 'printer' | 'console server';
  pattern: RegExp;
}

export const NON_DEVICES: NonDevice[] = [
  // Printer and multifunction device brands' embedded servers (HP Jetdirect print servers, the MFP brands).
  { kind: 'printer', pattern: /\b(?:Jet[Dd]irect|LaserJet|OfficeJet|PageWide|Lexmark|Xerox|RICOH|Kyocera|KONICA MINOLTA|bizhub|imageRUNNER|Brother (?:HL|MFC|DCP)-)\b/ },
  { kind: 'printer', pattern: /\bprint server\b/i },
  // Console servers: Avocent/Cyclades ACS ("[Enter '^Ec?' for help]" when a port session starts), Opengear,
  // Lantronix SLC/EMG, Digi, Perle IOLAN, Raritan Dominion SX, ser2net, and generic port-session notices.
  { kind: 'console server', pattern: /\[Enter '\^E\w\?' for help\]/ },
  { kind: 'console server', pattern: /\b(?:Opengear|Lantronix (?:SLC|EMG)|Digi (?:CM|ConnectPort|Connect IT)|Perle IOLAN|IOLAN|Dominion SX|ser2net|Cyclades|Avocent ACS)\b/ },
  { kind: 'console server', pattern: /\bconsole server\b/i },
  { kind: 'console server', pattern: /^\[?(?:Connected to|Connecting to) (?:port|serial port|line)\b/im },
];

/** The first non-device whose pattern occurs in text, with the matched words. */
export function findNonDevice(text: string): { kind: NonDevice['kind']; matched: string } | undefined {
  for (const rule of NON_DEVICES) {
    const match = rule.pattern.exec(text);
    if (match !== null) return { kind: rule.kind, matched: match[0] };
  }
  return undefined;
}
