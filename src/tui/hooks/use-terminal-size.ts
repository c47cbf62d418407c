import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

function read(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

/** The terminal's size, followed on every resize (also where Ink itself ignores resizes: under CI). */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = () => setSize((previous) => {
      const next = read(stdout);
      return next.columns === previous.columns && next.rows === previous.rows ? previous : next;
    });
    stdout.on('resize', onResize);
    onResize();
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return size;
}
