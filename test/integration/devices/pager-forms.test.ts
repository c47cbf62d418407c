import { afterEach, describe, expect, it } from 'vitest';
import { loadDialogue, startSimulatedDevice, type SimulatedDeviceOptions, type SimulatedPagerStyle } from '../../support/device-simulator/index.js';
import { DeviceHarness, expectFailure, fetchFrom } from './fetch-helpers.js';

/** Point 9: every pager form is answered with the key it needs and leaves no trace in the stored text. */
describe('pager forms', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());

  const start = async (options: SimulatedDeviceOptions) => harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', configBytes: 4_000, ...options }));
  const reference = new Map<string, string>();
  async function unpaged(driver: string, configBytes = 4_000): Promise<string> {
    const key = `${driver}:${configBytes}`;
    if (!reference.has(key)) reference.set(key, (await fetchFrom(await start({ driver, configBytes }))).content);
    return reference.get(key)!;
  }

  const forms: { name: string; driver: string; style: SimulatedPagerStyle }[] = [
    { name: '-- More --', driver: 'cisco_ios', style: { prompt: '-- More --', erase: '\r          \r' } },
    { name: '--More-- or (q)uit', driver: 'cisco_ios', style: { prompt: '--More-- or (q)uit', erase: '\r                  \r' } },
    { name: 'Press any key to continue (Q to quit)', driver: 'cisco_ios', style: { prompt: 'Press any key to continue (Q to quit)', erase: '\x1b[2K\r' } },
    { name: '<--- More --->', driver: 'cisco_asa', style: { prompt: '<--- More --->', erase: '\r              \r' } },
    { name: 'reverse-video More', driver: 'cisco_ios', style: { prompt: '\x1b[1;7m More \x1b[0m', erase: '\b\b\b\b\b\b      \b\b\b\b\b\b' } },
    { name: '---(more 27%)---', driver: 'juniper_junos', style: { prompt: '---(more 27%)---', erase: '\r                \r' } },
    { name: 'ProCurve -- MORE --', driver: 'hp_procurve', style: { prompt: '-- MORE --, next page: Space, next line: Enter, quit: Control-C', erase: '\x1b[2K\r' } },
    { name: 'RouterOS -- [Q quit|D dump|up|down]', driver: 'mikrotik_routeros', style: { prompt: '-- [Q quit|D dump|up|down]', erase: '\r\x1b[K' } },
    { name: 'PAN-OS less status "lines 1-7"', driver: 'paloalto_panos', style: { prompt: '\x1b[7mlines 1-7\x1b[27m', erase: '\r\x1b[K', last: { prompt: '\x1b[7mlines 8-14 (END)\x1b[27m', key: 'q', erase: '\r\x1b[K' } } },
    // A device that never erases its pager prompt: the session cuts it out itself.
    { name: '--More-- never erased', driver: 'cisco_ios', style: { prompt: ' --More-- ', erase: '' } },
  ];
  for (const form of forms) {
    it(`${form.driver}: "${form.name}" is answered and erased`, async () => {
      const dev = await start({ driver: form.driver, pagerEveryLines: 7, pagerStyle: form.style });
      const result = await fetchFrom(dev);
      expect(result.content).toBe(await unpaged(form.driver));
      expect(result.content).not.toMatch(/More|lines \d+-\d+|\(END\)|Q quit|any key/);
    });
  }

  const lastLine: { name: string; style: SimulatedPagerStyle }[] = [
    { name: '--More-- after the final page, answered with a space', style: { prompt: ' --More-- ', erase: '\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b', last: { prompt: ' --More-- ', key: ' ', erase: '' } } },
    { name: '(END) after the final page, left only with q', style: { prompt: ' --More-- ', erase: '\r          \r', last: { prompt: '\x1b[7m(END)\x1b[27m', key: 'q', erase: '\r\x1b[K' } } },
  ];
  for (const form of lastLine) {
    it(`a pager prompt on the very last line of output: ${form.name}`, async () => {
      const dev = await start({ driver: 'cisco_ios', pagerEveryLines: 7, pagerStyle: form.style });
      const result = await fetchFrom(dev);
      expect(result.content).toBe(await unpaged('cisco_ios'));
    });
  }

  it('vyos: a device refusing "set terminal length 0" pages through less (":" then "(END)") and is stored complete', async () => {
    const options = loadDialogue('vyos', 'less-pager') as Partial<SimulatedDeviceOptions>;
    const dev = await start({ driver: 'vyos', ...options });
    const result = await fetchFrom(dev);
    expect(result.content).toBe(await unpaged('vyos', 6_000));
    expect(result.content.split('\n')).not.toContain(':');
    // less was answered with spaces between pages and q at the end: nothing else was typed at a pager.
    expect(dev.typed()).toMatch(/ +q/);
  });

  it('a pager form the session does not know ends as QUESTION_UNANSWERED naming it, not TIMEOUT', async () => {
    const dev = await start({ driver: 'cisco_ios', pagerEveryLines: 7, pagerStyle: { prompt: '[Hit SPACE for more, Q to stop]', erase: '' } });
    const err = await expectFailure(fetchFrom(dev, { idleTimeoutMs: 500 }));
    expect(err.code).toBe('QUESTION_UNANSWERED');
    expect(err.details.lastLine).toBe('[Hit SPACE for more, Q to stop]');
  });
});
