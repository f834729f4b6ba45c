// Typed GraphQL documents for the web client, from the printed SDL (no running server needed).
// Run with `npm run codegen`; `npm run build:web` runs it first. The output in web/src/gql/ is generated:
// never edit it, and write documents with the `graphql()` function it exports.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: {
        // `useFragment` is not a hook; the plain name avoids confusing it with one in Solid code.
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        useTypeImports: true,
        // Enums as string-literal unions (what `enumsAsTypes` was before codegen 6): no runtime objects.
        enumType: 'string-literal',
        strictScalars: true,
        scalars: {
          DateTime: 'string',
          JSON: 'unknown',
          File: 'File',
        },
      },
    },
    // Every schema enum as a type, also those no document selects: the client names the error codes
    // (`ErrorCode`, the values of `extensions.code`) without querying them.
    'web/src/gql/schema-enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsTypes: true, useTypeImports: true },
    },
  },
};

export default config;
