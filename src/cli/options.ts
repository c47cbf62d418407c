import { InvalidArgumentError, Option } from 'commander';

/** Parses a whole number within bounds, for flags such as --limit. */
export function integerIn(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

/** The paging flags every list command takes. */
export function pagingOptions(): Option[] {
  return [
    new Option('--limit <n>', 'how many rows to show').argParser(integerIn(1, 1000)).default(50),
    new Option('--after <cursor>', 'show rows after this one (printed at the end of the previous page)'),
    new Option('--json', 'print JSON: { items, next }'),
  ];
}

export interface PagingFlags {
  limit: number;
  after?: string;
  json?: boolean;
}
