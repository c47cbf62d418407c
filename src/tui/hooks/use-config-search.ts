import { useRef, useState } from 'react';
import type { SearchRequest, SearchResult } from '../../console/search-actions.js';
import { describeError } from '../context/banner.js';
import { useServices } from '../context/services.js';
import { sanitiseDeep, type Safe } from '../safe-data.js';

export interface ConfigSearch {
  /** The text and modes of the newest search asked for. */
  text: string;
  request: SearchRequest;
  running: boolean;
  /** The result of the newest search that finished (kept while another runs). */
  result: Safe<SearchResult> | undefined;
  /** Why the newest search failed (too long, lost connection…), in one line. */
  error: string | undefined;
  /** Runs a search; a slower earlier one that lands later is dropped. */
  search(text: string, request: SearchRequest): void;
}

/** Configuration search through the console services; results sanitised on arrival. */
export function useConfigSearch(): ConfigSearch {
  const services = useServices();
  const generation = useRef(0);
  const [state, setState] = useState<Omit<ConfigSearch, 'search'>>({ text: '', request: { history: false, substring: false }, running: false, result: undefined, error: undefined });
  const search = (text: string, request: SearchRequest) => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, text, request, running: true, error: undefined }));
    services.searchConfigurations(text, request).then(
      (result) => {
        if (mine === generation.current) setState((s) => ({ ...s, running: false, result: sanitiseDeep(result) }));
      },
      (err: unknown) => {
        if (mine === generation.current) setState((s) => ({ ...s, running: false, result: undefined, error: describeError(err) }));
      },
    );
  };
  return { ...state, search };
}
