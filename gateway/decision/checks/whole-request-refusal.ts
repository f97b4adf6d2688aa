import { refusalErrors } from '../../enforcement/answer-refusals';
import type { RequestCheck } from '../request-decision';

/**
 * REFUSAL_MODE=reject: the operator wants no partial answers, so a request
 * with any refused field is refused as a whole, with every refusal named.
 */
export const wholeRequestRefusal: RequestCheck = (input, admitted) => {
  if (input.settings.refusalMode !== 'reject' || admitted.refusedCoordinates.length === 0) return admitted;
  return {
    kind: 'rejected',
    errors: refusalErrors(admitted.refusedCoordinates, admitted.purpose),
    httpStatus: 200,
    refusedCoordinates: admitted.refusedCoordinates,
  };
};
