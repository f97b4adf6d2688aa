import { loadDefaultCatalog } from '../../catalog';
import { createUnitTree } from '../../unit-tree';
import { fixedUnits, schoolUnit } from '../../units';
import { nextStatus, type WorkflowAction, type WorkflowState } from '../state-machine';
import type { ApplicationStatus, Outcome } from '../types';

/**
 * Units and catalog for the workflow tables: a primary school in 天河区
 * (440106), the shipped catalog (every provider is the city bureau 440100).
 */
export const tianheSchool = schoolUnit('2144010001', '广州市天河区示例小学', '440106');
export const unitTree = createUnitTree([...fixedUnits, tianheSchool]);
export const catalog = loadDefaultCatalog(unitTree);

/** An application of a Tianhe school: endorsed by 440106, decided by 440100. */
export const schoolApplication: WorkflowState = {
  id: 'a-1', status: 'SUBMITTED', applicant: tianheSchool.code, endorser: '440106', provider: '440100',
};
/** An application of the public security bureau: no endorser, decided by 440100. */
export const partnerApplication: WorkflowState = {
  id: 'a-2', status: 'SUBMITTED', applicant: 'GZGAJ', endorser: null, provider: '440100',
};

export function expectMove(state: WorkflowState, action: WorkflowAction, actor: string, to: ApplicationStatus): void {
  expect(nextStatus(state, action, actor)).toEqual({ ok: true, value: to });
}

/** Refused with `code`, and a message containing `message` (who may act, or why not). */
export function expectRefused(state: WorkflowState, action: WorkflowAction, actor: string, code: string, message: string): void {
  expectError(nextStatus(state, action, actor), code, message);
}

export function expectError(outcome: Outcome<unknown>, code: string, message: string, argument?: string): void {
  if (outcome.ok) throw new Error(`expected ${code}, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error.extensions.code).toBe(code);
  expect(outcome.error.message).toContain(message);
  if (argument !== undefined) expect(outcome.error.extensions.argument).toBe(argument);
}
