/** 学生当前状态码 as the student-status database stores it. */
export const studentStatuses: Readonly<Record<string, { readonly name: string; readonly value: StudentStatus }>> =
  Object.freeze({
    '01': { name: '在校', value: 'IN_SCHOOL' },
    '02': { name: '休学', value: 'SUSPENDED' },
    '03': { name: '转出', value: 'TRANSFERRED_OUT' },
    '04': { name: '毕业', value: 'GRADUATED' },
  });

export type StudentStatus = 'IN_SCHOOL' | 'SUSPENDED' | 'TRANSFERRED_OUT' | 'GRADUATED';

/** 学籍号 kinds: G (ID-based), J (official, no ID), L (temporary). */
export type StudentNumberKind = 'G' | 'J' | 'L';
