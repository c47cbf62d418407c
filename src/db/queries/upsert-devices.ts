import type { Knex } from 'knex';

export interface DeviceRowInput {
  hostname: string;
  ipAddress: string;
  port: number;
  deviceType: string;
}

export interface UpsertedDevice {
  id: string;
  hostname: string;
  inserted: boolean;
}

// Hostnames are unique ignoring case (unique index on lower(hostname)), so a re-import of "CORE-SW1"
// updates core-sw1 instead of failing or duplicating it. xmax = 0 only for a freshly inserted row.
// "auto" in the file keeps a driver already detected (or set) for that device: re-importing the same
// inventory must not make every device detect its platform again.
const UPSERT = `
  INSERT INTO devices (hostname, ip_address, port, device_type)
  SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS inet[]), CAST(? AS int[]), CAST(? AS text[]))
  ON CONFLICT ((lower(hostname))) DO UPDATE
    SET hostname = EXCLUDED.hostname, ip_address = EXCLUDED.ip_address, port = EXCLUDED.port,
        device_type = CASE WHEN EXCLUDED.device_type = 'auto' THEN devices.device_type ELSE EXCLUDED.device_type END
  RETURNING id, hostname, (xmax = 0) AS inserted`;

/** Inserts or updates devices by hostname in one statement; the rows must have distinct hostnames. */
export async function upsertDevices(trx: Knex.Transaction, rows: readonly DeviceRowInput[]): Promise<UpsertedDevice[]> {
  if (rows.length === 0) return [];
  const { rows: result } = await trx.raw<{ rows: UpsertedDevice[] }>(UPSERT, [
    rows.map((row) => row.hostname),
    rows.map((row) => row.ipAddress),
    rows.map((row) => row.port),
    rows.map((row) => row.deviceType),
  ]);
  return result;
}
