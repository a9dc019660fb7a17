import { decodeId, decodeIdOf, encodeId } from '../../src/core/ids';
import { TributaryError } from '../../src/core/errors';

describe('global ids', () => {
  it('round-trips vendor, type and a native id that contains colons', () => {
    const id = encodeId('TIMETONIC', 'TimetonicBook', 'owner:code:with:colons');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeId(id)).toEqual({ vendor: 'TIMETONIC', type: 'TimetonicBook', nativeId: 'owner:code:with:colons' });
  });

  it.each([
    ['not base64url', '!!!'],
    ['an unknown vendor', Buffer.from('ACME:Device:1').toString('base64url')],
    ['no native id', Buffer.from('IOTAAP:IotaapDevice:').toString('base64url')],
    ['no type', Buffer.from('IOTAAP').toString('base64url')],
    ['empty', ''],
  ])('refuses %s with BAD_USER_INPUT', (_why, id) => {
    const error = captureError(() => decodeId(id));
    expect(error).toBeInstanceOf(TributaryError);
    expect((error as TributaryError).code).toBe('BAD_USER_INPUT');
  });

  it('refuses an id of the wrong type and names what it expected', () => {
    const groupId = encodeId('IOTAAP', 'IotaapGroup', '5e1b76bc4315b70eb242567a');
    const error = captureError(() => decodeIdOf(groupId, ['IotaapDevice'], 'Device')) as TributaryError;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('Device');
    expect(error.message).toContain('IotaapGroup');
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
