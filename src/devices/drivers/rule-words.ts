/**
 * Driver rules (regular expressions) said in words for `netraven drivers show` and docs/drivers.md:
 * `/^! Last configuration change at /` becomes `lines starting with "! Last configuration change at "`.
 * A pattern with constructs these rules do not read is shown as the expression itself, never guessed at.
 */

// Tokens read as words: whitespace runs become one space, "anything" runs an ellipsis, digit runs an N,
// escaped punctuation the character itself.
const TOKENS: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^(?:\\s|\\t| )(?:[+*?]|\{\d+(?:,\d*)?\})?/, () => ' '],
  [/^(?:\\S|\\w|\.|\[\^[^\]]{1,6}\]|\[[\w\\.\-]{1,12}\])(?:[+*]\??|\{\d+(?:,\d*)?\})/, () => '…'],
  [/^\\d(?:[+*]|\{\d+(?:,\d*)?\})?/, () => 'N'],
  [/^\[(\w{2,8})\]/, (m) => [...m[1]!].join('/')],
  [/^\\([.()[\]{}+*?|^$\\/\-"'#:@<>=!,;&%`~])/, (m) => m[1]!],
];

// Leading optional indentation says nothing an operator needs.
const INDENT = /^\\s[*+]/;

/** "(?:…)" or "(?:…)?" at the start of source: its inner source, whether it is optional, its length. */
function groupAt(source: string): { inner: string; optional: boolean; length: number } | undefined {
  if (!source.startsWith('(?:')) return undefined;
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      i += 1;
      continue;
    }
    if (source[i] === '(') depth += 1;
    if (source[i] === ')' && --depth === 0) {
      const optional = source[i + 1] === '?';
      return { inner: source.slice(3, i), optional, length: i + 1 + (optional ? 1 : 0) };
    }
  }
  return undefined;
}

/** Splits a source at its top-level '|'. */
function splitAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      i += 1;
      continue;
    }
    if (source[i] === '(') depth += 1;
    if (source[i] === ')') depth -= 1;
    if (source[i] === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/** The words of an unanchored source, or undefined when it holds a construct not read here. */
function literalWords(source: string): string | undefined {
  let out = '';
  let rest = source;
  while (rest.length > 0) {
    let read = false;
    for (const [pattern, words] of TOKENS) {
      const match = pattern.exec(rest);
      if (match === null) continue;
      out += words(match);
      rest = rest.slice(match[0].length);
      read = true;
      break;
    }
    if (read) continue;
    // A non-capturing group: its alternatives read the same way, "a/b"; "[…]" when optional.
    const group = groupAt(rest);
    if (group !== undefined) {
      const alternatives = splitAlternatives(group.inner).map((part) => literalWords(part));
      if (alternatives.some((a) => a === undefined)) return undefined;
      const words = alternatives.map((part) => part!.trim()).join('/');
      out += group.optional ? `[${words}] ` : `${words} `;
      rest = rest.slice(group.length);
      continue;
    }
    if (/^[\\^$.*+?()[\]{}|]/.test(rest)) return undefined;
    out += rest[0];
    rest = rest.slice(1);
  }
  return out.replace(/ {2,}/g, ' ');
}

/** An expression as a Markdown code span (also readable as is on a terminal). */
function codeSpan(pattern: RegExp): string {
  return pattern.source.includes('`') ? `\`\` /${pattern.source}/ \`\`` : `\`/${pattern.source}/\``;
}

/** "lines starting with …" for a line rule; the expression itself when it is not plain enough. */
export function lineRuleWords(pattern: RegExp): string {
  let source = pattern.source;
  const start = source.startsWith('^');
  const end = source.endsWith('$') && !source.endsWith('\\$');
  if (start) source = source.slice(1).replace(INDENT, '');
  if (end) source = source.slice(0, -1);
  const words = literalWords(source);
  if (words === undefined || words.trim().length === 0) return `lines matching ${codeSpan(pattern)}`;
  const quoted = JSON.stringify(words);
  if (start && end) return `lines reading ${quoted}`;
  if (start) return `lines starting with ${quoted}`;
  if (end) return `lines ending with ${quoted}`;
  return `lines containing ${quoted}`;
}

/** The source of the first capture group (the kept prefix of a secret pattern), if it can be found. */
function firstGroup(source: string): string | undefined {
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      i += 1;
      continue;
    }
    if (source[i] !== '(' || source[i + 1] === '?') continue;
    let depth = 0;
    for (let j = i; j < source.length; j++) {
      if (source[j] === '\\') {
        j += 1;
        continue;
      }
      if (source[j] === '(') depth += 1;
      if (source[j] === ')' && --depth === 0) return source.slice(i + 1, j);
    }
  }
  return undefined;
}

/** "the value after "enable secret …"" for a secret pattern (group 1 kept, group 2 replaced). */
export function secretRuleWords(pattern: RegExp): string {
  const prefix = firstGroup(pattern.source);
  const anchored = pattern.source.startsWith('^(');
  const inner = prefix?.replace(/^\^/, '').replace(INDENT, '');
  const words = inner === undefined ? undefined : literalWords(inner);
  if (words === undefined || words.trim().length === 0) return `the second group of ${codeSpan(pattern)}`;
  return `the value after ${JSON.stringify(words.trimEnd())}${anchored ? ' at the start of a line' : ''}`;
}
