import { describe, expect, it } from 'vitest';
import { checkDevicesCsv, MAX_IMPORT_ROWS } from '../../../src/retrieval/inventory/csv-import.js';

const HEADER = 'hostname,ip,port,device_type,tags';

function problemsOf(text: string): Array<{ line: number; problems: string[] }> {
  const check = checkDevicesCsv(text);
  if (check.ok) throw new Error('expected the file to be refused');
  return check.problems;
}

describe('checkDevicesCsv', () => {
  it('accepts a good file: IPv4 and IPv6, default port, tags separated by ";", header in any case and order', () => {
    const check = checkDevicesCsv('Device_Type,HOSTNAME,ip,port,tags\ncisco_ios,core-sw1,10.0.0.1,,core; dc1 ;core\njuniper_junos,edge-1,2001:db8::1,2222,\n');
    expect(check).toEqual({
      ok: true,
      hasTags: true,
      devices: [
        { hostname: 'core-sw1', ipAddress: '10.0.0.1', port: 22, deviceType: 'cisco_ios', tags: ['core', 'dc1'] },
        { hostname: 'edge-1', ipAddress: '2001:db8::1', port: 2222, deviceType: 'juniper_junos', tags: ['default'] },
      ],
    });
  });

  it('port and tags columns are optional', () => {
    const check = checkDevicesCsv('hostname,ip,device_type\nsw1,192.0.2.1,vyos\n');
    expect(check).toMatchObject({ ok: true, hasTags: false, devices: [{ port: 22, tags: ['default'] }] });
  });

  it('lists every bad line with every reason', () => {
    const problems = problemsOf(
      [
        HEADER,
        'good-1,10.0.0.1,22,cisco_ios,core',
        '-bad host,10.0.0.999,0,cisco_nope,core',
        'good-2,fe80::1%eth0,65536,linux,ok',
        'good-3,10.0.0.3,22,linux',
        ',,,,',
      ].join('\n'),
    );
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(problems[0]!.problems).toEqual([
      expect.stringMatching(/^hostname "-bad host" looks like a spreadsheet formula/),
      expect.stringMatching(/^ip "10\.0\.0\.999" is not valid: expected an IPv4 or IPv6 address/),
      expect.stringMatching(/^port "0" is not valid/),
      expect.stringMatching(/^device_type "cisco_nope" is not valid: expected "auto" or one of .*cisco_ios/),
    ]);
    expect(problems[1]!.problems).toEqual([expect.stringMatching(/^ip "fe80::1%eth0"/), expect.stringMatching(/^port "65536"/)]);
    expect(problems[2]!.problems).toEqual(['4 fields where the header has 5']);
    expect(problems[3]!.problems).toEqual(['hostname is empty', 'ip is empty', 'device_type is empty']);
  });

  it('duplicate hostnames within the file (ignoring case) name the first line', () => {
    const problems = problemsOf(`${HEADER}\ncore-1,10.0.0.1,,linux,\nother,10.0.0.2,,linux,\nCORE-1,10.0.0.3,,linux,\n`);
    expect(problems).toEqual([{ line: 4, problems: ['hostname "CORE-1" is already on line 2 (hostnames ignore case)'] }]);
  });

  it('hostile content: control characters and formula-looking cells are refused and shown escaped', () => {
    const problems = problemsOf(`${HEADER}\n"=HYPERLINK(""http://x"")",10.0.0.1,,linux,\nsw\x1b[31mred,10.0.0.2,,linux,\n@SUM(A1),10.0.0.3,,linux,"+cmd"\nok-1,10.0.0.4,,linux,"a|b"\nok-2,10.0.0.5,,linux,"x\ny"\n`);
    const text = JSON.stringify(problems);
    expect(problems[0]!.problems[0]).toMatch(/^hostname "=HYPERLINK\(\\"http:\/\/x\\"\)" looks like a spreadsheet formula/);
    expect(problems[1]!.problems[0]).toBe('hostname "sw\\u001b[31mred" contains control characters');
    expect(problems[2]!.problems).toEqual([expect.stringMatching(/^hostname "@SUM\(A1\)" looks like/), expect.stringMatching(/^tag "\+cmd" looks like/)]);
    expect(problems[3]!.problems[0]).toMatch(/separate tags with ";"/);
    expect(problems[4]!.problems[0]).toBe('tag "x\\ny" contains control characters');
    expect(text).not.toContain('\x1b');
  });

  it('a bad, missing or duplicated header refuses the whole file', () => {
    expect(problemsOf('host,ip,device_type\nsw1,10.0.0.1,linux\n')[0]!.problems).toEqual([
      'unknown column "host"',
      'missing column hostname',
      'the header must be hostname,ip,port,device_type,tags (port and tags may be left out)',
    ]);
    expect(problemsOf('hostname,ip,ip,device_type\n')[0]!.problems[0]).toBe('column "ip" appears twice');
    expect(problemsOf('')[0]!.problems[0]).toMatch(/the file is empty/);
    expect(problemsOf(`${HEADER}\n\n`)[0]!.problems).toEqual(['the file has a header but no devices']);
  });

  it('a broken quote is reported with its line; lines before it are still checked', () => {
    const problems = problemsOf(`${HEADER}\nbad!,10.0.0.1,,linux,\nsw2,"10.0.0.2,,linux,\n`);
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problems[1]!.problems).toEqual(['a quoted field is never closed (or is longer than 4096 characters)']);
  });

  it('after a quoting error every later bad line is still listed, in line order', () => {
    const problems = problemsOf(`${HEADER}\nsw1,"10.0.0.1"x,,linux,\nsw2,10.0.0.2,,nosuchdriver,\nsw3,10.0.0.3,,linux,\nsw 4,10.0.0.4,,linux,\n`);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(problems[0]!.problems[0]).toMatch(/after a closing quote/);
    expect(problems[1]!.problems[0]).toMatch(/device_type "nosuchdriver"/);
    expect(problems[2]!.problems[0]).toMatch(/hostname "sw 4"/);
  });

  it('a broken header line is reported as such, with the quoting error', () => {
    const problems = problemsOf('hostname,"ip\n');
    expect(problems.map((p) => p.line)).toEqual([1, 1]);
  });

  it(`more than ${MAX_IMPORT_ROWS} rows is refused before validating them one by one`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `sw-${i},10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},,linux,`);
    const problems = problemsOf(`${HEADER}\n${rows.join('\n')}\n`);
    expect(problems).toEqual([{ line: MAX_IMPORT_ROWS + 2, problems: [`more than ${MAX_IMPORT_ROWS} devices: split the file`] }]);
  });
});
