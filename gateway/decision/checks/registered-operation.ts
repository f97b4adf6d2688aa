import { errors } from '../../../policies/errors';
import { CITY_DIVISION_CODE } from '../../../policies/standards';
import type { RequestCheck } from '../request-decision';

/**
 * The registered-operations mode for partner departments (issue 6, item 4):
 * an operation of a partner that reads catalog resources runs only when the
 * sha256 it was sent as is registered for that unit. Operations that touch
 * no catalog resource (applying for a share, listing its registered
 * operations) stay open, so a partner can always ask for what it needs.
 */
export const registeredOperation: RequestCheck = async (input, admitted) => {
  const registry = input.ports.registeredOperations;
  const { unit } = input.context;
  if (!registry?.isPartner(unit)) return admitted;
  if (admitted.servedCoordinates.size === 0 && admitted.refusedCoordinates.length === 0) return admitted;
  if (await registry.isRegistered(unit, input.sentHash)) return admitted;
  const shape = errors.forbidden(
    'run this operation',
    `in the registered-operations mode a partner department runs only operations registered for it, and operation ${input.sentHash} is not `
    + `registered for ${unit}. Ask the city bureau's data office (${CITY_DIVISION_CODE}) to register it (mutation registerOperation), `
    + 'then send exactly the registered text, or its sha256 as an automatic persisted query; query registeredOperations lists yours.',
  );
  return {
    kind: 'rejected',
    errors: [{ message: shape.message, extensions: { ...shape.extensions, sha256: input.sentHash } }],
    httpStatus: 403,
    refusedCoordinates: [],
  };
};
