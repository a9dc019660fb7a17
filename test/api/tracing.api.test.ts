import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { DevicesWithGroupDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

afterAll(disposeLeftovers);

describe('OpenTelemetry traces', () => {
  it('nest every vendor call under its GraphQL operation', async () => {
    const stack = await startStack({ vendors: ['iotaap'] });
    leaveOver(() => provider.shutdown());
    await gql(stack.url, DevicesWithGroupDocument, { first: 5, filter: { vendors: ['IOTAAP'] } });
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((s) => s.name === 'graphql query DevicesWithGroup');
    expect(operation).toBeDefined();
    expect(operation!.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'DevicesWithGroup' });
    const vendorCalls = spans.filter((s) => s.name.startsWith('vendor IOTAAP') && s.parentSpanContext?.spanId === operation!.spanContext().spanId);
    expect(vendorCalls.map((s) => s.attributes['tributary.operation']).sort()).toEqual(expect.arrayContaining(['devices.list']));
    expect(vendorCalls.every((s) => s.attributes['tributary.vendor'] === 'IOTAAP')).toBe(true);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toMatch(/token|password/i);
  });
});
