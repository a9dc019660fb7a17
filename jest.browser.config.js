/** Browser tests (`npm run test:browser`): Debian's Chromium over playwright-core, network cut. */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
  testPathIgnorePatterns: [],
  testTimeout: 60000,
};
