import { Client, fetchExchange } from '@urql/core';

/**
 * urql for file uploads (docs/files.md): its fetchExchange sends a GraphQL multipart request
 * whenever the variables hold a `File` or `Blob`. The `apollo-require-preflight` header is what
 * lets a multipart POST past Tributary's CSRF rule (a browser only sends it after a preflight).
 */
export function createTributaryUploadClient(url: string, apiKey?: string): Client {
  return new Client({
    url,
    preferGetMethod: false,
    fetchOptions: { headers: { 'apollo-require-preflight': 'true', ...(apiKey ? { 'x-api-key': apiKey } : {}) } },
    exchanges: [fetchExchange],
  });
}
