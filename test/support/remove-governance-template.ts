export default async function removeTemplate(): Promise<void> {
  await (globalThis as { removeGovernanceTemplate?: () => Promise<void> }).removeGovernanceTemplate?.();
}
