import React, { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { sanitiseLine } from '../../sanitise.js';

/** The one line above the footer: an error (query failed, database lost, not allowed) or a notice (job finished). */
export interface BannerMessage {
  kind: 'error' | 'notice';
  text: string;
}

export interface BannerActions {
  /** Shows a message (sanitised here); a notice clears itself after `ms` (default 5 s), an error stays until replaced or cleared. */
  show(kind: BannerMessage['kind'], text: string, ms?: number): void;
  /** Shows what went wrong as an error: `CODE: message` of a NetRavenError, or the message. */
  showError(err: unknown): void;
  /** Clears the banner, or only this text when given (an error that is over). */
  clear(text?: string): void;
}

const MessageContext = createContext<BannerMessage | null>(null);
const ActionsContext = createContext<BannerActions | null>(null);

/** One line describing an error for the banner (never a stack). */
export function describeError(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? `${code}: ${message}` : message;
}

export function BannerProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const [message, setMessage] = useState<BannerMessage | null>(null);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  // Stable: data hooks depend on these without re-rendering when the message changes.
  const actions = useMemo<BannerActions>(() => {
    const show = (kind: BannerMessage['kind'], text: string, ms = 5_000) => {
      if (timer.current) clearTimeout(timer.current);
      const next = { kind, text: sanitiseLine(text) };
      setMessage(next);
      if (kind === 'notice') timer.current = setTimeout(() => setMessage((current) => (current === next ? null : current)), ms);
    };
    return {
      show,
      showError: (err) => show('error', describeError(err)),
      clear: (text) => setMessage((current) => (text === undefined || current?.text === sanitiseLine(text) ? null : current)),
    };
  }, []);
  return (
    <ActionsContext.Provider value={actions}>
      <MessageContext.Provider value={message}>{children}</MessageContext.Provider>
    </ActionsContext.Provider>
  );
}

/** Show or clear the banner. */
export function useBanner(): BannerActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useBanner outside BannerProvider');
  return actions;
}

/** What the banner shows now. */
export function useBannerMessage(): BannerMessage | null {
  return useContext(MessageContext);
}
