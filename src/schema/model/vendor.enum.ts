import { registerEnumType } from 'type-graphql';

/** GraphQL mirror of core's vendor list (kept equal by a unit test). */
export enum VendorEnum {
  IGTIMI = 'IGTIMI',
  IOTAAP = 'IOTAAP',
  MAINFLUX = 'MAINFLUX',
  TIMETONIC = 'TIMETONIC',
  THINGSEE = 'THINGSEE',
}

registerEnumType(VendorEnum, {
  name: 'Vendor',
  description: 'A device or data vendor behind Tributary.',
  valuesConfig: {
    IGTIMI: { description: 'Igtimi sailing sensors (devices, groups, sessions, data).' },
    IOTAAP: { description: 'IoTaaP device cloud (devices, groups).' },
    MAINFLUX: { description: 'Mainflux IoT platform (things, channels, SenML messages).' },
    TIMETONIC: { description: 'TimeTonic books, messages and smart tables.' },
    THINGSEE: { description: 'Haltian Thingsee sensors (things, alerts, messages).' },
  },
});
