import { Text } from 'ink';
import React from 'react';
import { describeError } from '../context/banner.js';
import { sanitiseLine } from '../../sanitise.js';

interface Props {
  /** Told about the error with its stack (the console's error log), never shown on screen. */
  onError(err: unknown): void;
  /** The screen is tried again when this changes (Ctrl-r). */
  resetKey: number;
  children: React.ReactNode;
}

/**
 * Ink's own error screen prints source excerpts read from disk; this one shows one line and
 * hands the details to onError. Wraps each screen, so the others and the global keys go on.
 */
export class ErrorBoundary extends React.Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(error);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): React.ReactNode {
    if (this.state.error) return <Text wrap="truncate-end">{sanitiseLine(`this screen failed: ${describeError(this.state.error)} (Ctrl-r tries again, Esc goes back)`)}</Text>;
    return this.props.children;
  }
}
