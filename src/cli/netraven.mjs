#!/usr/bin/env node
// The installed entry point: registers the TypeScript loader, then hands over to the CLI.
import { register } from 'tsx/esm/api';

// React's development build records every component render as a performance measure, which
// Node keeps until cleared: a console following a busy log grew by ~12 MB a second. Operators
// run the production build (set NODE_ENV yourself to debug the console).
process.env.NODE_ENV ??= 'production';
register();
await import('./main.ts');
