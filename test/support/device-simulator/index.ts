/** Test device simulator: ssh2 servers replaying per-driver transcripts. */
export type { DeviceBehaviour, SimulatedAuthMethod, SimulatedPagerStyle, SimulatedQuestion, SimulatedShellLogin, SimulatedUser } from './behaviour.js';
export { generateClientKeyPair } from './host-keys.js';
export { DEFAULT_USER, startSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from './simulated-device.js';
export { startSimulatedFleet, type SimulatedFleet } from './simulated-fleet.js';
export { fixtureDir, hasVariant, loadDialogue, loadTranscript, loadWidestPrompt, variantsOf, type Transcript, type WidestPrompt } from './transcript.js';
