/** Scalars used across the schema, from graphql-scalars. */
export { DateTimeISOResolver as DateTime, JSONObjectResolver as JSONObject } from 'graphql-scalars';
