import { RequestMemo } from '../../src/core/request-memo';
import { RequestScope } from '../../src/core/request-scope';
import type { RecordLoader } from '../../src/vendors/adapter';

/**
 * The loader of one request, for a test that calls a vendor API directly and loads no record
 * through it. Each call brings a fresh request memo: two APIs connected with two of these are
 * two requests, and share no read.
 */
export function oneRequestLoader(): RecordLoader {
  return { load: () => Promise.reject(new Error('this test loads no record')), prime: () => undefined, memo: new RequestMemo(), scope: new RequestScope() };
}
