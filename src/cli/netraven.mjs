#!/usr/bin/env node
// The installed entry point: registers the TypeScript loader, then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
