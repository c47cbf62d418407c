/** Writes docs/drivers.md from the driver registry: `npm run docs:drivers` after changing a driver. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDriversMarkdown } from '../src/devices/drivers/drivers-markdown.js';
import { allDrivers } from '../src/devices/drivers/registry.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'drivers.md');
writeFileSync(target, renderDriversMarkdown(allDrivers()));
process.stdout.write(`wrote ${target}\n`);
