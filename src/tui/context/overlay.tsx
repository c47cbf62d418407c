import React, { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** A question before a dangerous action: it names what will happen; the answer defaults to No. */
export interface ConfirmRequest {
  /** "Rotate 1,204 credentials to a new key?" */
  question: string;
  /** What else to know, one line or several ("devices already running finish first"; an old and a new fingerprint). */
  detail?: string | readonly string[];
  /** Typed confirmation: the operator must type this word (e.g. `rotate`) and Enter. */
  typeToConfirm?: string;
  onYes(): void;
  onNo?(): void;
}

export type Overlay = { kind: 'help' } | { kind: 'command-line' } | ({ kind: 'confirm' } & ConfirmRequest);

interface OverlayApi {
  overlay: Overlay | null;
  open(overlay: Overlay): void;
  close(): void;
  /** Asks a question (see ConfirmRequest). */
  confirm(request: ConfirmRequest): void;
}

const OverlayContext = createContext<OverlayApi | null>(null);

/** At most one overlay at a time: the help, the command line or a confirmation. */
export function OverlayProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const api = useMemo<OverlayApi>(
    () => ({ overlay, open: setOverlay, close: () => setOverlay(null), confirm: (request) => setOverlay({ kind: 'confirm', ...request }) }),
    [overlay],
  );
  return <OverlayContext.Provider value={api}>{children}</OverlayContext.Provider>;
}

export function useOverlay(): OverlayApi {
  const api = useContext(OverlayContext);
  if (!api) throw new Error('useOverlay outside OverlayProvider');
  return api;
}
