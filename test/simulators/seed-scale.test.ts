import { createIgtimiSeed } from '../../src/simulators/igtimi/igtimi.seed';
import { createIotaapSeed } from '../../src/simulators/iotaap/iotaap.seed';
import { createThingseeSeed } from '../../src/simulators/thingsee/thingsee.seed';

/** Seeds grown for the cost-growth benchmark: the default world stays as it is, the rest is appended. */
describe.each([
  ['IoTaaP', (devices?: number) => createIotaapSeed(devices ? { devices } : {}).devices.map((d) => d._id)],
  ['Igtimi', (devices?: number) => createIgtimiSeed(devices ? { devices } : {}).devices.map((d) => d.serial_number)],
  ['Thingsee', (devices?: number) => createThingseeSeed(devices ? { devices } : {}).things.map((t) => t.tuid)],
])('%s seed with 1000 devices', (_vendor, ids) => {
  it('keeps the default devices first and in order, and adds distinct ones to 1000 in the demo account', () => {
    const base = ids();
    const scaled = ids(1000);
    expect(base.length).toBeLessThan(100);
    // 1000 for the demo account, plus the few the default seed gives other accounts.
    expect(scaled.length).toBeGreaterThanOrEqual(1000);
    expect(scaled.length - 1000).toBeLessThan(base.length);
    expect(scaled.slice(0, base.length)).toEqual(base);
    expect(new Set(scaled).size).toBe(scaled.length);
  });

  it('is the same world every time', () => {
    expect(ids(1000)).toEqual(ids(1000));
  });
});
