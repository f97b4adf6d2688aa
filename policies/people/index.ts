export { isPersonRole, personRoles, roleFitsUnit, roleLabels, type PersonRole } from './roles';
export { judgeSignIn, lockedUntil, LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS, type SignInState, type SignInVerdict } from './sign-in-lockout';
export { checkClientScope, type ClientScopeVerdict } from './client-scope';
export { readOidcPerson, type OidcClaimNames, type OidcPersonVerdict } from './oidc-claims';
export { checkAppRegistration, MAX_APP_NAME_LENGTH, MAX_APP_PURPOSE_LENGTH, type AppRegistrationInput } from './app-registration';
export { assignableRoles, checkRoleAssignment, mayAdministerUnit } from './role-assignment';
