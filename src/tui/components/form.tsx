/**
 * A form the operator fills in step by step (add a credential, a schedule; edit a setting):
 * the steps done so far, the current step's input, and what is wrong with it. Later steps may
 * depend on earlier answers (`steps(answers)` is asked again after each one). Secrets are kept
 * in a ref, never in React state, handed to `onSubmit` once and dropped by the form at that
 * moment; the caller unmounts the form when it is done with them. Esc cancels.
 */
import { Box, Text } from 'ink';
import React, { useLayoutEffect, useRef, useState } from 'react';
import { useTheme } from '../context/theme.js';
import { fit } from '../format.js';
import { useCommands, useKeymap } from '../keys/keymap.js';
import { ChoiceStep, TextStep, type StepCheck } from './form-steps.js';
import { MaskedInput } from './masked-input.js';
import { SafeText } from './safe-text.js';

export type FormStep =
  | { kind: 'text'; id: string; label: string; initial?: string; hint?: string; check?(text: string): Promise<StepCheck | void>; checkAsYouType?: boolean }
  | { kind: 'secret'; id: string; label: string; hint?: string; optional?: boolean }
  | { kind: 'choice'; id: string; label: string; options: ReadonlyArray<{ value: string; label: string }>; initial?: string; hint?: string };

/** Answers of text and choice steps (and the `extra` facts their checks returned), by step id. */
export type FormAnswers = Readonly<Record<string, string>>;
/** Secrets by step id: '' when an optional one was left empty. */
export type FormSecrets = Readonly<Record<string, string>>;

export interface FormProps {
  title: string;
  steps(answers: FormAnswers): FormStep[];
  width: number;
  onSubmit(answers: FormAnswers, secrets: FormSecrets): void;
  onCancel(): void;
}

export function Form({ title, steps, width, onSubmit, onCancel }: FormProps): React.JSX.Element {
  const theme = useTheme();
  const keymap = useKeymap();
  const [answers, setAnswers] = useState<FormAnswers>({});
  const [index, setIndex] = useState(0);
  const [submitted, setSubmitted] = useState(false);
  const secrets = useRef<Record<string, string>>({});
  const shown = useRef<Record<string, string>>({});
  const list = steps(answers);
  const step = list[index];
  const labelWidth = Math.max(...list.map((s) => s.label.length)) + 1;
  // Keys typed while a step ends are held until the next step's input exists (its layer is
  // registered in a layout effect, which runs before this one): none reaches the wrong step.
  const held = useRef<(() => void) | null>(null);
  useLayoutEffect(() => {
    const release = held.current;
    held.current = null;
    release?.();
  });
  // Saving: keys are swallowed, so a stray q or Esc cannot leave the screen under the form.
  useCommands(['input'], { submit: () => undefined, back: () => undefined, 'next-choice': () => undefined }, { kind: 'overlay', isActive: submitted, capturesText: true, onText: () => undefined });

  const advance = (next: FormAnswers, release: () => void = keymap.hold()) => {
    held.current?.();
    held.current = release;
    if (index + 1 < steps(next).length) {
      setAnswers(next);
      setIndex(index + 1);
      return;
    }
    const handed = secrets.current;
    secrets.current = {};
    setAnswers(next);
    setSubmitted(true);
    onSubmit(next, handed);
  };
  const cancel = () => {
    secrets.current = {};
    onCancel();
  };

  const input = (() => {
    if (!step || submitted) return <Text {...theme.style('muted')}>saving…</Text>;
    const label = fit(step.label, labelWidth);
    if (step.kind === 'secret') {
      return (
        <Box flexDirection="column">
          <MaskedInput
            key={step.id}
            label={label}
            onCancel={cancel}
            onSubmit={(secret) => {
              secrets.current[step.id] = secret;
              shown.current[step.id] = secret ? '(typed, not shown)' : step.optional ? '(none)' : '(empty)';
              advance(answers);
            }}
          />
          <SafeText text={step.hint ?? (step.optional ? 'Enter alone: none' : ' ')} role="muted" />
        </Box>
      );
    }
    if (step.kind === 'choice') {
      return <ChoiceStep key={step.id} label={label} options={step.options} initial={answers[step.id] ?? step.initial} hint={step.hint} onCancel={cancel} onDone={(value) => advance({ ...answers, [step.id]: value })} />;
    }
    return (
      <TextStep
        key={step.id}
        label={label}
        initial={answers[step.id] ?? step.initial ?? ''}
        hint={step.hint}
        check={step.check}
        checkAsYouType={step.checkAsYouType}
        onCancel={cancel}
        onDone={(value, result, release) => advance({ ...answers, ...result.extra, [step.id]: value }, release)}
      />
    );
  })();

  const done = list.slice(0, submitted ? list.length : index);
  return (
    <Box flexDirection="column" width={width}>
      <Text {...theme.style('title')} wrap="truncate-end">
        {title} <Text {...theme.style('muted')}>— Enter next, Esc cancels</Text>
      </Text>
      {done.map((s) => (
        <Box key={s.id}>
          <Text {...theme.style('label')}>{fit(s.label, labelWidth)} </Text>
          <SafeText text={valueOf(s, answers, shown.current)} />
        </Box>
      ))}
      {input}
    </Box>
  );
}

function valueOf(step: FormStep, answers: FormAnswers, shown: Record<string, string>): string {
  if (step.kind === 'secret') return shown[step.id] ?? '';
  const value = answers[step.id] ?? '';
  if (step.kind === 'choice') return step.options.find((o) => o.value === value)?.label ?? value;
  return value === '' ? '(none)' : value;
}
