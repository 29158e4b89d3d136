// What the demo seed creates: three people and 25 devices across them, a few of them gone silent.
import type { DeviceKind } from "@/lib/devices/catalog";
import type { SignalChanges } from "@/lib/devices/signal";

export const DEMO_USERS = [
  { email: "admin@gatehouse.local", name: "Ada Admin", role: "ADMIN" },
  { email: "sam@gatehouse.local", name: "Sam Standard", role: "STANDARD" },
  { email: "riley@gatehouse.local", name: "Riley Standard", role: "STANDARD" },
] as const;

export type DemoDevice = {
  id: string;
  owner: (typeof DEMO_USERS)[number]["email"];
  name: string;
  kind: DeviceKind;
  location: string;
  /** Hours before the seed's end at which the device stopped reporting. */
  silentForHours?: number;
  /** Changes to its kind's signal for a metric, so that the demo has readings past an alert bound. */
  signals?: SignalChanges;
};

/** A flat battery and a kitchen whose CO₂ passes its bound at its daily peak: alerts to show. */
const SIGNALS: Record<string, SignalChanges> = {
  "Allotment soil north": { battery: { base: 14 } },
  "Kitchen air": { co2: { base: 850, swing: 420 } },
};


const [admin, sam, riley] = DEMO_USERS.map((user) => user.email) as [string, string, string];

const rows: [string, string, DeviceKind, string, number?][] = [
  [admin, "Server room climate", "thermostat", "Basement"],
  [admin, "Rooftop weather", "weather-station", "Roof"],
  [admin, "Rack power A", "smart-plug", "Basement"],
  [admin, "Rack power B", "smart-plug", "Basement", 30],
  [admin, "Lobby air", "air-quality", "Ground floor"],
  [sam, "Living room thermostat", "thermostat", "Living room"],
  [sam, "Bedroom thermostat", "thermostat", "Bedroom"],
  [sam, "Kitchen air", "air-quality", "Kitchen"],
  [sam, "Office air", "air-quality", "Office"],
  [sam, "Washing machine plug", "smart-plug", "Utility room"],
  [sam, "Desk lamp plug", "smart-plug", "Office", 6],
  [sam, "Balcony weather", "weather-station", "Balcony"],
  [sam, "Tomato bed", "soil-sensor", "Garden"],
  [sam, "Herb box", "soil-sensor", "Kitchen window", 200],
  [sam, "Garage thermostat", "thermostat", "Garage"],
  [riley, "Studio thermostat", "thermostat", "Studio"],
  [riley, "Nursery air", "air-quality", "Nursery"],
  [riley, "Fridge plug", "smart-plug", "Kitchen"],
  [riley, "Heat pump plug", "smart-plug", "Utility room"],
  [riley, "Allotment weather", "weather-station", "Allotment"],
  [riley, "Allotment soil north", "soil-sensor", "Allotment"],
  [riley, "Allotment soil south", "soil-sensor", "Allotment", 52],
  [riley, "Greenhouse soil", "soil-sensor", "Greenhouse"],
  [riley, "Greenhouse air", "air-quality", "Greenhouse"],
  [riley, "Workshop thermostat", "thermostat", "Workshop"],
];

const deviceId = (index: number) => `demo-device-${String(index + 1).padStart(2, "0")}`;

export const DEMO_DEVICES: DemoDevice[] = rows.map(([owner, name, kind, location, silentForHours], index) => ({
  id: deviceId(index),
  owner: owner as DemoDevice["owner"],
  name,
  kind,
  location,
  silentForHours,
  signals: SIGNALS[name],
}));

/**
 * The demo's devices, then copies of them in turn up to `count` ("Lobby air 2"), so that a larger
 * fleet for a benchmark keeps the demo's mix of kinds, owners and silent devices.
 */
export function demoDevices(count = DEMO_DEVICES.length): DemoDevice[] {
  return Array.from({ length: count }, (_, index) => {
    const original = DEMO_DEVICES[index % DEMO_DEVICES.length]!;
    if (index < DEMO_DEVICES.length) return original;
    return { ...original, id: deviceId(index), name: `${original.name} ${Math.floor(index / DEMO_DEVICES.length) + 1}` };
  });
}
