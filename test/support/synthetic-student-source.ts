import type { ClassRow, GuardianRow, SchoolRow, StudentRow } from '../../legacy/records';
import type { StudentDbSource } from '../../legacy/student-db/source';

/**
 * A small hand-made student-DB dataset for store tests, independent of the
 * generator: two or more schools, 50 students a class, two guardians per student.
 * Values are plausible, not valid (the generator owns validity); some carry
 * characters COPY must escape, so the loaders' escaping is exercised.
 */
export function syntheticStudentSource(studentCount: number): StudentDbSource {
  const perClass = 50;
  const classCount = Math.max(1, Math.ceil(studentCount / perClass));
  // 班号 has two digits, so a school holds at most 99 classes a grade: add schools as needed.
  const schoolCount = Math.max(2, Math.ceil(classCount / (GRADES.length * 90)));
  const schools: SchoolRow[] = Array.from({ length: schoolCount }, (_, i) =>
    school(`${i % 2 ? '31' : '21'}44${String(i + 1).padStart(6, '0')}`, i % 2 ? `广州市白云区第${i + 1}中学` : `广州市天河区裕华${i + 1}小学`, i % 2 ? '440111' : '440106'));
  const classes: ClassRow[] = Array.from({ length: classCount }, (_, i) => {
    const xxdm = schools[i % schoolCount]!.XXDM;
    const nj = GRADES[Math.floor(i / schoolCount) % GRADES.length]!;
    const bh = String(Math.floor(i / (schoolCount * GRADES.length)) + 1).padStart(2, '0');
    return { BJDM: `${xxdm}${nj}${bh}`, XXDM: xxdm, NJ: nj, BH: bh, BJMC: `${nj}级(${Number(bh)})班`, BZRGH: `T${xxdm}${nj}${bh}` };
  });
  return {
    schools,
    classes,
    expectedStudentCount: studentCount,
    *students() {
      for (let i = 0; i < studentCount; i++) {
        const klass = classes[i % classCount]!;
        const xh = `${klass.XXDM}${String(i).padStart(6, '0')}`;
        yield { student: student(i, xh, klass), guardians: [guardian(xh, '1', '51'), guardian(xh, '2', '52')] };
      }
    },
  };
}

const GRADES = ['11', '12', '13', '14', '15', '16', '21', '22', '23', '31', '32', '33'];

function school(xxdm: string, name: string, district: string): SchoolRow {
  return { XXDM: xxdm, XXMC: name, XXDZ: `广州市${name}路1号`, XZQHM: district, JXNY: '199009', XXBXLXM: '211', XXBBM: '21', XZXM: '李校长' };
}

function student(i: number, xh: string, klass: ClassRow): StudentRow {
  const csrq = `2015${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  const sfzjh = `440106${csrq}${String(i % 1000).padStart(3, '0')}X`;
  return {
    XH: xh, XM: i % 97 === 0 ? '欧阳\t裕' : `陈${i}`, XMPY: `chen ${i}`, XBM: i % 2 ? '1' : '2', CSRQ: csrq,
    CSDM: '440106', JG: '440106', MZM: '01', GJDQM: 'CHN', SFZJLXM: '1', SFZJH: i % 50 === 0 ? '' : sfzjh,
    GATQWM: '00', ZZMMM: '13', JKZKM: '10', RXNY: '202109', RXFSM: '11', JDFSM: '1', NJ: klass.NJ, BH: klass.BH,
    BJDM: klass.BJDM, XZZ: i % 89 === 0 ? '天河路\\100号\n2楼' : `天河路${i}号`, HKSZD: '440106', HKXZM: '10',
    LXDH: `138${String(i).padStart(8, '0')}`, SFDSZN: '1', SFLSET: '0', CJLXM: '', XJH: `G${sfzjh}`, XSDQZTM: '01',
    XXDM: klass.XXDM,
  };
}

function guardian(xh: string, cyxh: string, gxm: string): GuardianRow {
  return {
    XH: xh, CYXH: cyxh, CYXM: gxm === '51' ? '陈父' : '林母', GXM: gxm, SFJHR: '1', SFZJLXM: '1',
    SFZJH: '44010619800101001X', LXDH: '13900000000', JTZZ: '天河路1号', JTDH: '',
  };
}
