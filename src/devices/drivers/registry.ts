/** The driver registry: one line per platform. */
import { NetRavenError } from '../../errors.js';
import { aristaEos } from './arista-eos.driver.js';
import { arubaAos } from './aruba-aos.driver.js';
import { arubaInstant } from './aruba-instant.driver.js';
import { arubaAoscx } from './aruba-aoscx.driver.js';
import { cienaSaos } from './ciena-saos.driver.js';
import { ciscoAsa } from './cisco-asa.driver.js';
import { ciscoIos } from './cisco-ios.driver.js';
import { ciscoIosxr } from './cisco-iosxr.driver.js';
import { ciscoNxos } from './cisco-nxos.driver.js';
import { cumulusLinux } from './cumulus-linux.driver.js';
import type { Driver } from './driver.js';
import { extremeExos } from './extreme-exos.driver.js';
import { fortinetFortios } from './fortinet-fortios.driver.js';
import { hpComware } from './hp-comware.driver.js';
import { hpProcurve } from './hp-procurve.driver.js';
import { huaweiVrp } from './huawei-vrp.driver.js';
import { juniperJunos } from './juniper-junos.driver.js';
import { linux } from './linux.driver.js';
import { mikrotikRouteros } from './mikrotik-routeros.driver.js';
import { nokiaSros } from './nokia-sros.driver.js';
import { opnsense } from './opnsense.driver.js';
import { paloaltoPanos } from './paloalto-panos.driver.js';
import { pfsense } from './pfsense.driver.js';
import { sonic } from './sonic.driver.js';
import { ubiquitiEdge } from './ubiquiti-edge.driver.js';
import { vyos } from './vyos.driver.js';

const DRIVERS: ReadonlyMap<string, Driver> = new Map(
  [
    ciscoIos,
    ciscoNxos,
    ciscoIosxr,
    ciscoAsa,
    aristaEos,
    juniperJunos,
    hpProcurve,
    arubaAoscx,
    fortinetFortios,
    paloaltoPanos,
    mikrotikRouteros,
    vyos,
    linux,
    // Issue 13, platforms-c.
    hpComware,
    huaweiVrp,
    arubaAos,
    arubaInstant,
    extremeExos,
    nokiaSros,
    cienaSaos,
    ubiquitiEdge,
    cumulusLinux,
    sonic,
    pfsense,
    opnsense,
  ].map((driver) => [driver.name, driver]),
);

/** Returns the driver registered under name, or throws DRIVER_UNKNOWN listing the known names. */
export function getDriver(name: string): Driver {
  const driver = DRIVERS.get(name);
  if (driver === undefined) {
    throw new NetRavenError('DRIVER_UNKNOWN', `unknown device driver "${name}"; known drivers: ${listDrivers().join(', ')}`, {
      details: { driver: name, known: listDrivers() },
    });
  }
  return driver;
}

/** Names of every registered driver, sorted. */
export function listDrivers(): string[] {
  return [...DRIVERS.keys()].sort();
}
