/** GB/T 2261.1 人的性别代码. */
export type GenderCode = '0' | '1' | '2' | '9';

export interface Gender {
  readonly code: GenderCode;
  readonly label: string;
}

export const genders: Readonly<Record<GenderCode, Gender>> = Object.freeze({
  '0': { code: '0', label: '未知的性别' },
  '1': { code: '1', label: '男' },
  '2': { code: '2', label: '女' },
  '9': { code: '9', label: '未说明的性别' },
});

export function genderByCode(code: string): Gender {
  return (genders as Record<string, Gender | undefined>)[code] ?? genders['0'];
}

/** Legacy teacher HR stores sex as text (男/女); anything else is "unspecified". */
export function genderFromText(text: string): Gender {
  if (text === '男') return genders['1'];
  if (text === '女') return genders['2'];
  return genders['9'];
}
