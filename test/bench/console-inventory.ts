/**
 * The inventory the console-devices benchmark opens: `count` devices bulk-inserted with SQL
 * (25 sites × count/25, hostnames `<site>-sw0001…`, addresses 10.<site>.x.y, four drivers, a
 * site tag and a role tag each, last results spread over changed / unchanged / failed / never,
 * every 50th disabled), plus simulated devices tagged `fleet` with a credential for the tag.
 */
import type { Knex } from 'knex';
import { createCredential } from '../../src/credentials/credential-service.js';
import type { KeyringSource } from '../../src/credentials/keyring-source.js';
import { replaceDeviceTags } from '../../src/db/queries/replace-device-tags.js';
import { upsertDevices } from '../../src/db/queries/upsert-devices.js';

export const SITES = ['ams', 'ath', 'bcn', 'ber', 'bru', 'buc', 'bud', 'cph', 'dub', 'fra', 'hel', 'lis', 'lju', 'lon', 'lux', 'mad', 'mil', 'osl', 'par', 'prg', 'rix', 'sof', 'sto', 'vie', 'zrh'];

/** Inserts about `count` devices (a multiple of 25) in one statement, then their tags; returns how many. */
export async function insertInventory(knex: Knex, count: number): Promise<number> {
  const perSite = Math.ceil(count / SITES.length);
  await knex.raw(
    `INSERT INTO devices (hostname, ip_address, port, device_type, enabled, last_retrieval_at, last_retrieval_status, last_retrieval_error_code)
     SELECT s.site || '-sw' || lpad(n::text, 4, '0'),
            ('10.' || s.i || '.' || (n / 256) || '.' || (n % 256))::inet,
            22,
            (ARRAY['cisco_ios', 'arista_eos', 'juniper_junos', 'cisco_nxos'])[1 + n % 4],
            n % 50 <> 0,
            CASE WHEN n % 10 = 0 THEN NULL ELSE now() - (n % 4000) * interval '1 minute' END,
            CASE WHEN n % 10 = 0 THEN NULL WHEN n % 17 = 0 THEN 'failed' WHEN n % 3 = 0 THEN 'changed' ELSE 'unchanged' END,
            CASE WHEN n % 10 <> 0 AND n % 17 = 0 THEN 'AUTH_FAILED' END
     FROM unnest(?::text[]) WITH ORDINALITY AS s(site, i), generate_series(1, ?) AS n`,
    [SITES, perSite],
  );
  await knex.raw(`INSERT INTO tags (name) SELECT unnest(?::text[])`, [[...SITES, 'core', 'access']]);
  await knex.raw(
    `INSERT INTO device_tags (device_id, tag_id)
     SELECT d.id, t.id FROM devices d JOIN tags t ON t.name = split_part(d.hostname, '-', 1)
     UNION ALL
     SELECT d.id, t.id FROM devices d JOIN tags t ON t.name = CASE WHEN right(d.hostname, 1) IN ('0', '5') THEN 'core' ELSE 'access' END
     WHERE d.hostname ~ '-sw[0-9]{4}$'`,
  );
  await knex.raw('ANALYZE devices, tags, device_tags');
  return perSite * SITES.length;
}

/** Adds the simulated devices (hostname, 127.0.0.1 and port), tagged `fleet`, and a credential for the tag. */
export async function addFleet(knex: Knex, keyring: KeyringSource, fleet: ReadonlyArray<{ hostname: string; host: string; port: number }>): Promise<void> {
  await createCredential({ knex, keyring }, { name: 'bench-fleet', username: 'admin', secret: 'admin-pass', enableSecret: 'enable-pass', tags: ['fleet'] });
  await knex.transaction(async (trx) => {
    const devices = await upsertDevices(trx, fleet.map((d) => ({ hostname: d.hostname, ipAddress: d.host, port: d.port, deviceType: 'cisco_ios' })));
    await replaceDeviceTags(trx, new Map(devices.map((d) => [d.id, ['fleet']])));
  });
  await knex.raw('ANALYZE devices, device_tags');
}

/** The first hostname (list order: lower(hostname)) a hostname/address prefix selects, as the devices screen orders them. */
export async function firstHostname(knex: Knex, prefix: string): Promise<string | undefined> {
  const pattern = `${prefix.toLowerCase()}%`;
  const row = (await knex('devices').whereRaw('lower(hostname) LIKE ? OR host(ip_address) LIKE ?', [pattern, pattern]).orderByRaw('lower(hostname)').first('hostname')) as { hostname: string } | undefined;
  return row?.hostname;
}
