import { makeGovernanceTemplate } from './governance-template';

/**
 * jest's global setup for both projects: migrates the run's governance
 * template once (governance-template.ts). The workers start after it and
 * inherit the variables that name it; the teardown removes it.
 */
export default async function makeTemplate(): Promise<void> {
  const template = await makeGovernanceTemplate();
  Object.assign(process.env, template.env);
  (globalThis as { removeGovernanceTemplate?: () => Promise<void> }).removeGovernanceTemplate = template.remove;
}
