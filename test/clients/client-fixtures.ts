import { encodeId } from '../../src/core/ids';
import { createIotaapSeed } from '../../src/simulators/iotaap/iotaap.seed';
import type { Stack } from '../helpers/stack';

/** Records of the simulators' fixed seeds the client tests read and write. */
const iotaap = createIotaapSeed();
const cooling = iotaap.groups.find((group) => group.name === 'cooling_system')!;
const cooling1 = iotaap.devices.find((device) => device.name === 'cooling_1')!;
const spare1 = iotaap.devices.find((device) => device.name === 'spare_1')!;
export const seeded = {
  /** An IoTaaP device in the `cooling_system` group. */
  device: { id: encodeId('IOTAAP', 'IotaapDevice', cooling1._id), name: cooling1.name },
  /** An ungrouped IoTaaP device, for the tests that rename one. */
  spare: { id: encodeId('IOTAAP', 'IotaapDevice', spare1._id), name: spare1.name },
  group: { id: encodeId('IOTAAP', 'IotaapGroup', cooling._id), name: cooling.name, size: iotaap.devices.filter((d) => d.group === cooling._id).length },
  /** The first boat of the Igtimi regatta: it reports its position every second when live. */
  boat: { id: encodeId('IGTIMI', 'IgtimiDevice', 'GA-EN-AAEJ') },
};

/** GraphQL operations of one type the gateway has answered: proves what a cache did not send. */
export async function operationsServed(stack: Stack, type: 'query' | 'mutation'): Promise<number> {
  const { values } = await stack.server.services.metrics.graphqlRequests.get();
  return values.filter((v) => v.labels.operation_type === type).reduce((sum, v) => sum + v.value, 0);
}
