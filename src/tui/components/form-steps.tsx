/**
 * The inputs of a form's current step: a line of text (checked on Enter, or as it is typed), a
 * choice (Tab, ← → or the first letter), or a secret (MaskedInput). Each registers the form's
 * keys as a modal layer: Enter takes the step, Esc cancels the whole form.
 */
import { Box, Text } from 'ink';
import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { sanitiseLine } from '../../sanitise.js';
import { describeError } from '../context/banner.js';
import { useTheme } from '../context/theme.js';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useCommands, useKeymap } from '../keys/keymap.js';
import { LineInput } from './line-input.js';
import { SafeText } from './safe-text.js';

/** What a step's check found: the value as it will be used, a line to show, facts for later steps. */
export interface StepCheck {
  value?: string;
  info?: string;
  extra?: Record<string, string>;
}

export interface TextStepProps {
  label: string;
  initial: string;
  hint?: string;
  /** Resolves when the text is acceptable; rejects with the reason shown under the input. */
  check?(text: string): Promise<StepCheck | void>;
  /** Run the check while typing (after a short pause), not only on Enter. */
  checkAsYouType?: boolean;
  /** `release` hands on the keys held back while the check ran: call it once the next step is there. */
  onDone(value: string, result: StepCheck, release: () => void): void;
  onCancel(): void;
}

type Verdict = { text: string; ok: true; result: StepCheck } | { text: string; ok: false; problem: string };

const TYPING_PAUSE_MS = 120;

export function TextStep({ label, initial, hint, check, checkAsYouType = false, onDone, onCancel }: TextStepProps): React.JSX.Element {
  const theme = useTheme();
  const keymap = useKeymap();
  const editor = useLineEditor(initial);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  // Keys held while a refused value was checked go to this step again once its problem shows.
  const release = useRef<(() => void) | null>(null);
  useLayoutEffect(() => {
    const held = release.current;
    release.current = null;
    held?.();
  });

  const judge = async (text: string): Promise<Verdict> => {
    if (!check) return { text, ok: true, result: {} };
    try {
      return { text, ok: true, result: (await check(text)) ?? {} };
    } catch (err) {
      return { text, ok: false, problem: describeError(err) };
    }
  };
  const show = (mine: number, result: Verdict) => {
    if (mounted.current && mine === latest.current) setVerdict(result);
  };
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const typed = (input: string, name: Parameters<typeof editor.onText>[1]) => {
    editor.onText(input, name);
    if (!checkAsYouType) return setVerdict(null);
    const mine = ++latest.current;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void judge(editor.current()).then((result) => show(mine, result)), TYPING_PAUSE_MS);
  };
  // A layout effect: passive ones could wait for the next key here (see the console log).
  useLayoutEffect(() => {
    if (checkAsYouType && initial) void judge(initial).then((result) => show(latest.current, result));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useCommands(
    ['input'],
    {
      back: onCancel,
      submit: () => {
        const text = editor.current();
        const mine = ++latest.current;
        // What is typed while the database checks the value waits, and then goes where it belongs.
        const held = keymap.hold();
        setBusy(true);
        void judge(text).then((result) => {
          if (!mounted.current) return held();
          setBusy(false);
          show(mine, result);
          if (result.ok) return onDone(result.result.value ?? text, result.result, held);
          release.current = held;
        });
      },
    },
    { kind: 'overlay', capturesText: true, onText: typed },
  );
  const current = verdict && verdict.text === editor.value ? verdict : null;
  return (
    <Box flexDirection="column">
      <Box>
        <Text>{label} </Text>
        <LineInput editor={editor} />
      </Box>
      {busy ? <Text {...theme.style('muted')}>checking…</Text>
        : current && !current.ok ? <Problem text={current.problem} />
        : current?.ok && current.result.info ? <SafeText text={`✓ ${current.result.info}`} role="ok" />
        : <SafeText text={hint ?? ' '} role="muted" />}
    </Box>
  );
}

/** What is wrong with a value, wrapped over up to three rows (these messages say what to do, and are long). */
function Problem({ text }: { text: string }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Box height={PROBLEM_ROWS} overflow="hidden">
      <Text {...theme.style('failed')} wrap="wrap">
        {sanitiseLine(text)}
      </Text>
    </Box>
  );
}

const PROBLEM_ROWS = 3;

export interface ChoiceStepProps {
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  initial?: string;
  hint?: string;
  onDone(value: string): void;
  onCancel(): void;
}

export function ChoiceStep({ label, options, initial, hint, onDone, onCancel }: ChoiceStepProps): React.JSX.Element {
  const theme = useTheme();
  const [at, setAt] = useState(Math.max(0, options.findIndex((o) => o.value === initial)));
  const move = (by: number) => setAt((i) => (i + by + options.length) % options.length);
  useCommands(
    ['input'],
    { back: onCancel, submit: () => onDone(options[at]!.value), 'next-choice': () => move(1) },
    {
      kind: 'overlay',
      capturesText: true,
      onText: (input, name) => {
        if (name === 'right' || name === 'space') return move(1);
        if (name === 'left') return move(-1);
        const found = options.findIndex((o) => o.label.toLowerCase().startsWith(input.toLowerCase()));
        if (input.length === 1 && found >= 0) setAt(found);
      },
    },
  );
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {label}{' '}
        {options.map((option, i) => (
          <Text key={option.value}>
            {i > 0 ? '  ' : ''}
            <Text {...(i === at ? theme.style('selected') : theme.style('muted'))}>{` ${option.label} `}</Text>
          </Text>
        ))}
      </Text>
      <SafeText text={hint ?? 'Tab, ← → or the first letter choose; Enter takes it'} role="muted" />
    </Box>
  );
}
