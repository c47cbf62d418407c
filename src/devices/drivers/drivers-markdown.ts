/** docs/drivers.md, generated from the registry (`npm run docs:drivers`); a test fails when the file is stale. */
import { describeDriver } from './driver-description.js';
import type { Driver } from './driver.js';

// Markdown table cells: a '|' would end the cell.
const cell = (text: string): string => text.replaceAll('|', '\\|');
// Outside code spans, '<' would start HTML and '*' or '_' emphasis.
const escapeText = (text: string): string => text.split(/(``? [^`]*?`?`|`[^`]*`)/).map((part, i) => (i % 2 === 1 ? part : part.replace(/([<>*_])/g, '\\$1'))).join('');

/** The whole document for the given drivers (registry order: by name). */
export function renderDriversMarkdown(drivers: readonly Driver[]): string {
  const lines = [
    '# Device drivers',
    '',
    '<!-- Generated from src/devices/drivers by `npm run docs:drivers`; do not edit by hand. -->',
    '',
    `NetRaven knows ${drivers.length} platforms. A device's \`device_type\` is one of the names below, or \`auto\`: the first`,
    'retrieval then detects the platform from the evidence listed for each driver and stores the driver it found.',
    'How to add one: [adding-a-driver.md](adding-a-driver.md).',
    '',
    '| driver | vendor | platform | configuration command | enable |',
    '|---|---|---|---|---|',
  ];
  for (const driver of drivers) {
    const s = describeDriver(driver).summary;
    lines.push(`| [\`${s.name}\`](#${s.name}) | ${cell(s.vendor)} | ${cell(s.description)} | \`${cell(s.configCommand)}\` | ${s.needsEnable ? 'yes' : 'no'} |`);
  }
  for (const driver of drivers) {
    const { summary, sections } = describeDriver(driver);
    lines.push('', `## ${summary.name}`, '', `${escapeText(summary.vendor)}: ${escapeText(summary.description)}.`);
    for (const section of sections) {
      lines.push('', `**${escapeText(section.heading)}**`, '');
      for (const item of section.items) lines.push(`- ${escapeText(item)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
