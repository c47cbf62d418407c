"""Benchmark floor outside Node: a bare asyncssh client per device (Debian's python3 + python3-asyncssh).

Same work as the cisco_ios driver's dialogue, waiting for each prompt like any plain client: connect,
password, pty shell, enable + enable secret, terminal length 0, terminal width 0, show version,
show running-config, read to the prompt, write the output to a file, exit. No cleaning, no
credential store, no database. Same concurrency as NetRaven.

usage: python3 sweep-floor-asyncssh.py TARGETS.json CONCURRENCY OUTPUT_DIR
Prints one JSON line: devices, seconds (inside the script), cpuSeconds and peakRssMiB of this whole
process (interpreter start-up included), bytesPerDevice, failed.
"""
import asyncio
import json
import os
import resource
import sys
import time
import warnings

warnings.simplefilter('ignore')  # Debian's asyncssh 2.10 imports ciphers newer cryptography deprecates
import asyncssh  # noqa: E402

STEPS = ['enable', 'enable-pass', 'terminal length 0', 'terminal width 0', 'show version', 'show running-config', 'exit']


async def retrieve(target, out_dir):
    hostname = target['hostname']
    waits = (f'\n{hostname}>', f'\n{hostname}#', 'Password: ')
    async with asyncssh.connect(target['host'], target['port'], username='admin', password='admin-pass',
                                known_hosts=None, client_keys=None, agent_path=None) as conn:
        writer, reader, _ = await conn.open_session(term_type='vt100', term_size=(200, 24), encoding='latin-1')
        received = 0
        collected = []
        tail = ''
        step = 0
        while True:
            data = await reader.read(65536)
            if not data:
                break
            received += len(data)
            collected.append(data)
            tail = (tail + data)[-64:]
            if step < len(STEPS) and tail.endswith(waits):
                tail = ''
                writer.write(STEPS[step] + '\n')
                step += 1
        with open(os.path.join(out_dir, hostname + '.txt'), 'w', encoding='latin-1') as f:
            f.write(''.join(collected))
        return received


async def main():
    targets_file, concurrency, out_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(targets_file, encoding='utf-8') as f:
        targets = json.load(f)['devices']
    queue = list(reversed(targets))
    total = {'bytes': 0, 'failed': 0}

    async def worker():
        while queue:
            target = queue.pop()
            try:
                total['bytes'] += await retrieve(target, out_dir)
            except (OSError, asyncssh.Error):
                total['failed'] += 1

    start = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(min(concurrency, len(targets)))))
    seconds = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        'devices': len(targets),
        'seconds': seconds,
        'devicesPerSecond': len(targets) / seconds,
        'cpuSeconds': usage.ru_utime + usage.ru_stime,
        'peakRssMiB': usage.ru_maxrss / 1024,
        'bytesPerDevice': round(total['bytes'] / max(1, len(targets))),
        'failed': total['failed'],
    }), flush=True)


asyncio.run(main())
