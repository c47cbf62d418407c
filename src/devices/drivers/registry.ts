/** The driver registry: one line per platform. */
import { NetRavenError } from '../../errors.js';
import { alliedtelesisAwplus } from './alliedtelesis-awplus.driver.js';
import { aristaEos } from './arista-eos.driver.js';
import { arubaAos } from './aruba-aos.driver.js';
import { arubaAoscx } from './aruba-aoscx.driver.js';
import { arubaInstant } from './aruba-instant.driver.js';
import { broadcomFastpath } from './broadcom-fastpath.driver.js';
import { checkpointGaia } from './checkpoint-gaia.driver.js';
import { cienaSaos } from './ciena-saos.driver.js';
import { ciscoAsa } from './cisco-asa.driver.js';
import { ciscoFtd } from './cisco-ftd.driver.js';
import { ciscoIos } from './cisco-ios.driver.js';
import { ciscoIosxr } from './cisco-iosxr.driver.js';
import { ciscoNxos } from './cisco-nxos.driver.js';
import { ciscoSb } from './cisco-sb.driver.js';
import { ciscoWlc } from './cisco-wlc.driver.js';
import { citrixAdc } from './citrix-adc.driver.js';
import { cumulusLinux } from './cumulus-linux.driver.js';
import { dellOs10 } from './dell-os10.driver.js';
import { dellOs9 } from './dell-os9.driver.js';
import { extremeExos } from './extreme-exos.driver.js';
import { extremeVoss } from './extreme-voss.driver.js';
import { f5Tmsh } from './f5-tmsh.driver.js';
import { fortinetFortios } from './fortinet-fortios.driver.js';
import { hpComware } from './hp-comware.driver.js';
import { hpProcurve } from './hp-procurve.driver.js';
import { huaweiVrp } from './huawei-vrp.driver.js';
import { juniperJunos } from './juniper-junos.driver.js';
import { linux } from './linux.driver.js';
import { mellanoxOnyx } from './mellanox-onyx.driver.js';
import { mikrotikRouteros } from './mikrotik-routeros.driver.js';
import { netgateTnsr } from './netgate-tnsr.driver.js';
import { netgearProsafe } from './netgear-prosafe.driver.js';
import { nokiaSros } from './nokia-sros.driver.js';
import { opnsense } from './opnsense.driver.js';
import { paloaltoPanos } from './paloalto-panos.driver.js';
import { pfsense } from './pfsense.driver.js';
import { ruckusFastiron } from './ruckus-fastiron.driver.js';
import { sonic } from './sonic.driver.js';
import { sonicwallSonicos } from './sonicwall-sonicos.driver.js';
import { tplinkJetstream } from './tplink-jetstream.driver.js';
import { ubiquitiEdge } from './ubiquiti-edge.driver.js';
import { vyos } from './vyos.driver.js';
import { watchguardFireware } from './watchguard-fireware.driver.js';
import type { Driver } from './driver.js';

/** Every platform, in name order (issue 13 added thirty to the first thirteen). */
const DRIVERS: ReadonlyMap<string, Driver> = new Map(
  [
    alliedtelesisAwplus,
    aristaEos,
    arubaAos,
    arubaAoscx,
    arubaInstant,
    broadcomFastpath,
    checkpointGaia,
    cienaSaos,
    ciscoAsa,
    ciscoFtd,
    ciscoIos,
    ciscoIosxr,
    ciscoNxos,
    ciscoSb,
    ciscoWlc,
    citrixAdc,
    cumulusLinux,
    dellOs10,
    dellOs9,
    extremeExos,
    extremeVoss,
    f5Tmsh,
    fortinetFortios,
    hpComware,
    hpProcurve,
    huaweiVrp,
    juniperJunos,
    linux,
    mellanoxOnyx,
    mikrotikRouteros,
    netgateTnsr,
    netgearProsafe,
    nokiaSros,
    opnsense,
    paloaltoPanos,
    pfsense,
    ruckusFastiron,
    sonic,
    sonicwallSonicos,
    tplinkJetstream,
    ubiquitiEdge,
    vyos,
    watchguardFireware,
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
