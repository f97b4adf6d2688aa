/**
 * Per-school-level facts of staff: the 教师资格种类 teachers of each running type
 * hold, and the share of women on the staff.
 */
import { weighted, type Random } from './random';

type Picker = (random: Random) => string;

const PRIMARY: Picker = weighted([['2', 85], ['3', 10], ['1', 3], ['4', 2]]);
const certificates: Readonly<Record<string, Picker>> = {
  '311': weighted([['3', 80], ['4', 15], ['2', 5]]),
  '312': weighted([['2', 45], ['3', 45], ['4', 10]]),
  '341': weighted([['3', 45], ['4', 55]]),
  '342': weighted([['4', 90], ['3', 8], ['7', 2]]),
  '345': weighted([['2', 35], ['3', 30], ['4', 35]]),
  '365': weighted([['5', 60], ['6', 20], ['4', 20]]),
};

/** 教师资格种类 1–7 of a teacher at a school of `runningType`. */
export function teacherCertificate(random: Random, runningType: string): string {
  return (certificates[runningType] ?? PRIMARY)(random);
}

/** Women are about four in five primary teachers and three in five secondary ones. */
export function femaleShare(category: string, post: string): number {
  if (post === '31') return 0.45;
  if (post.startsWith('6')) return 0.4;
  return category === '21' || category === '51' ? 0.78 : 0.62;
}

/** 学历码 by generation: younger teachers more often hold a master's degree. */
export function educationLevel(random: Random, birthYear: number, post: string): string {
  const r = random.next();
  if (post.startsWith('6')) return r < 0.3 ? '61' : r < 0.6 ? '41' : r < 0.85 ? '31' : '90';
  if (birthYear >= 1990) return r < 0.02 ? '11' : r < 0.32 ? '14' : '21';
  if (birthYear >= 1975) return r < 0.01 ? '11' : r < 0.16 ? '14' : r < 0.9 ? '21' : '31';
  return r < 0.55 ? '21' : r < 0.9 ? '31' : '41';
}
