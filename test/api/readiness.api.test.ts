import { DevicesDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';

interface VendorReadiness {
  vendor: string;
  state: string;
  since: string;
  circuit: string;
  configured: boolean;
  lastError: { code: string; at: string } | null;
}

afterAll(disposeLeftovers);

describe('/readyz', () => {
  it('shows the current state apart from the last error, which stays as history with its time', async () => {
    // No stale answer may stand in for the outage (the shared cache would hide it).
    const stack = await startStack({ vendors: ['iotaap'], env: { VENDOR_STALE_IF_ERROR_MS: '0' } });
    const iotaap = async (): Promise<VendorReadiness> => {
      const response = await fetch(`${stack.origin}/readyz`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { status: string; vendors: VendorReadiness[] };
      return body.vendors.find((v) => v.vendor === 'IOTAAP')!;
    };
    const list = () => gql(stack.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } });

    await list();
    expect(await iotaap()).toMatchObject({ state: 'OK', circuit: 'CLOSED', configured: true, lastError: null });

    const control = stack.simulators.controls.iotaap!;
    const beforeOutage = Date.now();
    control.setFaults({ down: true });
    expect((await list()).errors![0]!.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    const during = await iotaap();
    expect(during).toMatchObject({ state: 'DEGRADED', lastError: { code: 'VENDOR_UNAVAILABLE' } });
    expect(Date.parse(during.lastError!.at)).toBeGreaterThanOrEqual(beforeOutage);
    expect(Date.parse(during.since)).toBeGreaterThanOrEqual(Date.parse(during.lastError!.at));

    control.clearFaults();
    expect((await list()).errors).toBeUndefined();
    const after = await iotaap();
    expect(after.state).toBe('OK');
    expect(after.lastError).toEqual(during.lastError);
    expect(Date.parse(after.since)).toBeGreaterThanOrEqual(Date.parse(during.lastError!.at));

    const other = (await (await fetch(`${stack.origin}/readyz`)).json()) as { vendors: VendorReadiness[] };
    expect(other.vendors.find((v) => v.vendor === 'IGTIMI')).toMatchObject({ state: 'NOT_CONFIGURED', configured: false, lastError: null });
  });
});
