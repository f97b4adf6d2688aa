import { anonymousReadsOpenData } from './checks/anonymous-reads-open-data';
import { costWithVariables } from './checks/cost-with-variables';
import { purposeAgreesWithToken } from './checks/purpose-agrees-with-token';
import { registeredOperation } from './checks/registered-operation';
import { resourceRateLimit } from './checks/resource-rate-limit';
import { stripRefused } from './checks/strip-refused';
import { wholeRequestRefusal } from './checks/whole-request-refusal';
import type { NamedCheck } from './request-decision';

/**
 * Every check a request goes through, in the order they run (in the manner
 * of graphql-js's `specifiedRules`). The order is the contract: who may ask
 * at all, then what it costs, then what it may see; the checks that consult
 * shared state come last, so a request refused for a cheaper reason spends
 * no allowance and no registry look-up.
 */
export const requestChecks: ReadonlyArray<NamedCheck> = Object.freeze([
  { name: 'anonymous reads open data only', check: anonymousReadsOpenData },
  { name: 'declared purpose agrees with the token', check: purposeAgreesWithToken },
  { name: 'cost with the request\'s variables', check: costWithVariables },
  { name: 'strip refused fields', check: stripRefused },
  { name: 'whole-request refusal mode', check: wholeRequestRefusal },
  { name: 'registered operations for partners', check: registeredOperation },
  { name: 'resource rate limit', check: resourceRateLimit },
]);
