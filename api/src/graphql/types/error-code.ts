// The values of `extensions.code`, published in the schema so that clients take them from the generated
// types instead of writing them again. Not the type of any field: errors are not data.
import { builder } from '../builder.ts';
import { ERROR_CODE_MEANINGS, PUBLIC_ERROR_CODES } from '../errors.ts';

export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description:
    'The values of `extensions.code` on the errors this API answers with: every error carries one of these. A ' +
    'refusal at a limit also says which (`extensions.limit`) and its value (`extensions.max`).',
  values: Object.fromEntries(PUBLIC_ERROR_CODES.map((code) => [code, { description: ERROR_CODE_MEANINGS[code] }])),
});
