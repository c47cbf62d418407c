/** The driver registry: one line per platform. */
import { NetRavenError } from '../../errors.js';
import { alliedtelesisAwplus } from './alliedtelesis-awplus.driver.js';
import { aristaEos } from './arista-eos.driver.js';
import { arubaAoscx } from './aruba-aoscx.driver.js';
import { checkpointGaia } from './checkpoint-gaia.driver.js';
import { citrixAdc } from './citrix-adc.driver.js';
import { broadcomFastpath } from './broadcom-fastpath.driver.js';
import { ciscoAsa } from './cisco-asa.driver.js';
import { ciscoFtd } from './cisco-ftd.driver.js';
import { ciscoIos } from './cisco-ios.driver.js';
import { ciscoIosxr } from './cisco-iosxr.driver.js';
import { ciscoNxos } from './cisco-nxos.driver.js';
import { ciscoSb } from './cisco-sb.driver.js';
import { ciscoWlc } from './cisco-wlc.driver.js';
import { dellOs10 } from './dell-os10.driver.js';
import { dellOs9 } from './dell-os9.driver.js';
import type { Driver } from './driver.js';
import { f5Tmsh } from './f5-tmsh.driver.js';
import { extremeVoss } from './extreme-voss.driver.js';
import { fortinetFortios } from './fortinet-fortios.driver.js';
import { hpProcurve } from './hp-procurve.driver.js';
import { juniperJunos } from './juniper-junos.driver.js';
import { linux } from './linux.driver.js';
import { mellanoxOnyx } from './mellanox-onyx.driver.js';
import { mikrotikRouteros } from './mikrotik-routeros.driver.js';
import { netgateTnsr } from './netgate-tnsr.driver.js';
import { paloaltoPanos } from './paloalto-panos.driver.js';
import { sonicwallSonicos } from './sonicwall-sonicos.driver.js';
import { watchguardFireware } from './watchguard-fireware.driver.js';
import { netgearProsafe } from './netgear-prosafe.driver.js';
import { ruckusFastiron } from './ruckus-fastiron.driver.js';
import { tplinkJetstream } from './tplink-jetstream.driver.js';
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
    checkpointGaia,
    f5Tmsh,
    citrixAdc,
    sonicwallSonicos,
    watchguardFireware,
    netgateTnsr,
    ciscoWlc,
    broadcomFastpath,
    netgearProsafe,
    dellOs9,
    dellOs10,
    ciscoSb,
    ruckusFastiron,
    mellanoxOnyx,
    alliedtelesisAwplus,
    tplinkJetstream,
    extremeVoss,
    ciscoFtd,
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

/** The device_type that asks the first retrieval to detect the platform (issue 13); never a driver's name. */
export const AUTO_DRIVER = 'auto';

/** Every registered driver, in name order. */
export function allDrivers(): Driver[] {
  return listDrivers().map((name) => DRIVERS.get(name)!);
}

/** Names of every registered driver, sorted. */
export function listDrivers(): string[] {
  return [...DRIVERS.keys()].sort();
}
