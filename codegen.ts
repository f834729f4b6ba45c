// Typed GraphQL documents for the web client, from the printed SDL (no running server needed), and the list of
// the web client's operations for the API (its metric labels). Run with `npm run codegen`; `npm run build:web`
// runs it first. The output in web/src/gql/ and api/src/graphql/generated/ is generated: never edit it, and write
// documents with the `graphql()` function it exports.
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
    // The name and type of each operation the web client sends, for the API's metric labels (an operation
    // whose name is not here is counted as `other`). Generated beside the API's code, like its Prisma client.
    'api/src/graphql/generated/known-operations.ts': {
      plugins: ['scripts/codegen-known-operations.mjs'],
    },
    // The same operations' text, for the API's tests that hold them to its limits (graphql/armor.test.ts).
    'api/src/graphql/generated/known-documents.ts': {
      plugins: [{ 'scripts/codegen-known-operations.mjs': { documents: true } }],
    },
    // Every schema enum as a type, also those no document selects: the client names the error codes
    // (`ErrorCode`, the values of `extensions.code`) without querying them.
    'web/src/gql/schema-enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsTypes: true, useTypeImports: true },
    },
    // The schema's root types (`Mutation` and its `Mutation…Args`), types only: tables keyed by what the server
    // offers (the web's ticket action registry) are typed against them, so a renamed mutation does not compile.
    'web/src/gql/schema-types.ts': {
      plugins: ['typescript'],
      config: { enumsAsTypes: true, useTypeImports: true, strictScalars: true, scalars: { DateTime: 'string', JSON: 'unknown', File: 'File' } },
    },
  },
};

export default config;
