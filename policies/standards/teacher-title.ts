/**
 * The 2015 unified primary/secondary teacher title ladder, and the pre-2015
 * names legacy HR rows still hold (人社部发〔2015〕79号 mapping).
 */
export type TitleRank = 'SENIOR_PROFESSOR' | 'SENIOR' | 'FIRST' | 'SECOND' | 'THIRD' | 'NONE';

export interface Title {
  readonly rank: TitleRank;
  readonly name: string;
}

export const titleLadder: ReadonlyArray<Title> = Object.freeze([
  { rank: 'SENIOR_PROFESSOR', name: '正高级教师' },
  { rank: 'SENIOR', name: '高级教师' },
  { rank: 'FIRST', name: '一级教师' },
  { rank: 'SECOND', name: '二级教师' },
  { rank: 'THIRD', name: '三级教师' },
  { rank: 'NONE', name: '未定职级' },
].map((t) => Object.freeze(t as Title)));

/** Pre-2015 title names mapped onto the 2015 ladder. */
export const legacyTitleNames: Readonly<Record<string, TitleRank>> = Object.freeze({
  中学高级教师: 'SENIOR',
  中学一级教师: 'FIRST',
  中学二级教师: 'SECOND',
  中学三级教师: 'THIRD',
  小学高级教师: 'FIRST',
  小学一级教师: 'SECOND',
  小学二级教师: 'THIRD',
  小学三级教师: 'THIRD',
});

const byRank = new Map(titleLadder.map((t) => [t.rank, t]));
const byName = new Map(titleLadder.map((t) => [t.name, t]));

/** Maps a legacy or current title name onto the 2015 ladder; unknown or empty → NONE. */
export function titleFromName(name: string | null | undefined): Title {
  if (!name) return byRank.get('NONE')!;
  const current = byName.get(name);
  if (current) return current;
  const legacy = legacyTitleNames[name];
  return byRank.get(legacy ?? 'NONE')!;
}
