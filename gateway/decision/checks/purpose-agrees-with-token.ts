import { errors, PURPOSE_HEADER } from '../../../policies/errors';
import { rejectWith, type RequestCheck } from '../request-decision';

/**
 * A token issued for a purpose stands for that purpose only (PIPL art. 6):
 * a request under it may repeat it in the x-edupool-purpose header but not
 * declare another, or a token handed out for one use would serve any.
 */
export const purposeAgreesWithToken: RequestCheck = (input, admitted) => {
  const { purpose, tokenPurpose } = input.context;
  if (tokenPurpose === undefined || purpose === tokenPurpose) return admitted;
  return rejectWith(errors.forbidden(
    `read for the purpose "${purpose ?? ''}"`,
    `your token was issued for the purpose "${tokenPurpose}". Leave the ${PURPOSE_HEADER} header out, or use a token issued for the purpose you declare.`,
  ), 403);
};
