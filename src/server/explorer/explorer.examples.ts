/**
 * The operations an explorer opens with: one per demo screen (the fleet map, the building
 * dashboard, a boat's live track). Plain data, shared by the bundled GraphiQL (web/explorer),
 * the Sandbox page, and the test that runs each against the demo.
 */
export interface ExampleOperation {
  /** GraphiQL names each tab after the operation. */
  query: string;
  /** JSON text, as the variables editor shows it. */
  variables?: string;
}

/** Kotuku (serial GA-EN-AAEJ), the first racing boat of the demo's Igtimi seed. */
export const DEMO_BOAT_ID = 'SUdUSU1JOklndGltaURldmljZTpHQS1FTi1BQUVK';

const fleet = `# The fleet screen: every Igtimi boat with its latest position and speed.
# One vendor call for the boats, one per data type for every boat's latest point.
query Fleet {
  devices(first: 20, filter: { vendors: [IGTIMI] }) {
    totalCount
    edges {
      node {
        id
        name
        serialNumber
        lastSeenAt
        position: measurements(names: ["latitude", "longitude"], last: 1) { name value time }
        speed: measurements(names: ["sog"], last: 1) { value unit }
      }
    }
  }
}
`;

const building = `# The building screen: Thingsee and Mainflux sensors with their latest
# readings (temperature, humidity, CO2, power; a vendor's list per alias, so both show).
query Building {
  thingsee: things(first: 10, filter: { vendors: [THINGSEE] }) {
    totalCount
    edges { node { ...Sensor } }
  }
  mainflux: things(first: 10, filter: { vendors: [MAINFLUX] }) {
    totalCount
    edges { node { ...Sensor } }
  }
}

fragment Sensor on Thing {
  __typename
  id
  name
  lastSeenAt
  groups { name }
  # Each sensor's latest readings, whatever it measures: a \`names\` filter would add a
  # MEASUREMENT_NOT_OFFERED note for every sensor without one of the names (docs/measurements.md).
  measurements(last: 3) { name value unit time }
}
`;

const boatTrack = `# A boat's live track over graphql-ws: position and speed as the boat reports them.
subscription BoatTrack($boat: ID!) {
  measurements(sourceIds: [$boat], names: ["latitude", "longitude", "sog"]) {
    name
    value
    unit
    time
    source { id ... on Device { name } }
  }
}
`;

export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [
  { query: fleet },
  { query: building },
  { query: boatTrack, variables: JSON.stringify({ boat: DEMO_BOAT_ID }, null, 2) },
];
