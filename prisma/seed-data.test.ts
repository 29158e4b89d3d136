import { describe, expect, it } from "vitest";
import { DEMO_DEVICES, demoDevices } from "./seed-data";

describe("demoDevices", () => {
  it("is the demo's 25 devices by default", () => {
    expect(demoDevices()).toEqual(DEMO_DEVICES);
  });

  it("makes a larger fleet from copies of the demo's devices, in turn", () => {
    const fleet = demoDevices(100);
    expect(fleet.slice(0, 25)).toEqual(DEMO_DEVICES);
    expect(new Set(fleet.map((d) => d.id)).size).toBe(100);
    expect(new Set(fleet.map((d) => d.name)).size).toBe(100);
    expect(fleet[25]).toEqual({ ...DEMO_DEVICES[0], id: "demo-device-26", name: `${DEMO_DEVICES[0]!.name} 2` });
    expect(fleet[99]).toMatchObject({ id: "demo-device-100", owner: DEMO_DEVICES[24]!.owner, kind: DEMO_DEVICES[24]!.kind });
  });
});
