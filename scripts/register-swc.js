// Lets node run the TypeScript sources directly (for schema:emit and codegen inputs) with
// decorator metadata, which type-graphql reads and tsx/esbuild would not emit.
const { transformSync } = require('@swc/core');
const Module = require('node:module');
const fs = require('node:fs');

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
void Module;
