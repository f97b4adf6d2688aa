/** People, their roles, and the apps units register (issue 14). */
export { accountsRepository, type Account, type AccountsRepository, type NewAccount } from './accounts';
export { appCredentialsRepository, type AppCredential, type AppCredentialsRepository } from './app-credentials';
export { demoAccountsOf, seedDemoAccounts, type DemoAccount } from './demo-accounts';
export { adminActionsOf, recordAdminAction, type AdminAction, type AdminActionKind } from './admin-actions';
