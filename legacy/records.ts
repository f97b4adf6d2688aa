/**
 * The raw shapes of the three legacy systems, exactly as they hold their data
 * (DOMAIN.md): pinyin-initial names, YYYYMMDD / YYYYMM strings, national codes
 * as strings, sex as text in the teacher system. The generator produces these;
 * the stand-ins store and serve them; only the subgraphs' mappers translate them.
 */

/** Student-status DB, table XXJBXX (学校基本信息). */
export interface SchoolRow {
  XXDM: string; // 学校标识码, 10 digits
  XXMC: string; // 学校名称
  XXDZ: string; // 学校地址
  XZQHM: string; // 行政区划码 (current district)
  JXNY: string; // 建校年月 YYYYMM
  XXBXLXM: string; // 办学类型码
  XXBBM: string; // 办别码
  XZXM: string; // 校长姓名
}

/** Student-status DB, table BJXX (班级信息). */
export interface ClassRow {
  BJDM: string; // 班级代码: XXDM + NJ + BH
  XXDM: string;
  NJ: string; // 年级码
  BH: string; // 班号, 2 digits
  BJMC: string; // 班级名称, e.g. 三年级(2)班
  BZRGH: string; // 班主任工号 (teacher HR GH)
}

/** Student-status DB, table XSJBXX (学生基本信息). */
export interface StudentRow {
  XH: string; // 学号, unique: XXDM + 6-digit sequence
  XM: string; // 姓名
  XMPY: string; // 姓名拼音
  XBM: string; // 性别码 GB/T 2261.1
  CSRQ: string; // 出生日期 YYYYMMDD
  CSDM: string; // 出生地码 (division code)
  JG: string; // 籍贯 (division code)
  MZM: string; // 民族码 GB/T 3304
  GJDQM: string; // 国籍/地区码, CHN
  SFZJLXM: string; // 身份证件类型码
  SFZJH: string; // 身份证件号 ('' when none)
  GATQWM: string; // 港澳台侨外码, '00' none
  ZZMMM: string; // 政治面貌码 GB/T 4762
  JKZKM: string; // 健康状况码
  RXNY: string; // 入学年月 YYYYMM
  RXFSM: string; // 入学方式码
  JDFSM: string; // 就读方式码 1 走读 2 住校
  NJ: string;
  BH: string;
  BJDM: string;
  XZZ: string; // 现住址
  HKSZD: string; // 户口所在地 (division code)
  HKXZM: string; // 户口性质码
  LXDH: string; // 联系电话
  SFDSZN: string; // 是否独生子女 0/1
  SFLSET: string; // 是否留守儿童 0/1/2
  CJLXM: string; // 残疾类型码, '' none
  XJH: string; // 学籍号, 19 characters G/J/L
  XSDQZTM: string; // 学生当前状态码 (policies/standards/student-status)
  XXDM: string;
}

/** Student-status DB, table XSJTCY (学生家庭成员/监护人). */
export interface GuardianRow {
  XH: string; // the student's 学号
  CYXH: string; // 成员序号 1 or 2
  CYXM: string; // 成员姓名
  GXM: string; // 关系码 (GB/T 4761: 51 父亲, 52 母亲, 61 祖父, 62 祖母 …)
  SFJHR: string; // 是否监护人 0/1
  SFZJLXM: string;
  SFZJH: string;
  LXDH: string;
  JTZZ: string; // 家庭住址
  JTDH: string; // 家庭电话
}

/** Teacher HR system, one staff record as its HTTP API returns it. */
export interface TeacherRecord {
  GH: string; // 工号
  XM: string;
  XB: string; // 性别 as text: 男 / 女
  CSRQ: string; // YYYYMMDD
  SFZJLXM: string;
  SFZJH: string; // may carry a historical division code
  MZM: string;
  ZZMMM: string;
  CJGZNY: string; // 参加工作年月 YYYYMM
  CJNY: string; // 从教年月
  LXNY: string; // 来校年月
  BZLBM: string; // 编制类别码
  JZGLBM: string; // 教职工类别码
  GWLBM: string; // 岗位类别码 (10 教师, 23 班主任, 31 校领导 …)
  XLM: string; // 学历码
  ZC: string; // 职称 name: 2015 ladder or a pre-2015 name
  JSZGZZL: string; // 教师资格种类 1–7, '' none
  YDDH: string; // 移动电话
  DQZTM: string; // 当前状态码: 01 在职, 02 离岗, 03 退休
  XXDM: string; // 所在学校
}

/** Facility export, one building as a row of a district's GBK CSV (headers in Chinese). */
export interface BuildingRow {
  建筑物编号: string;
  学校标识码: string;
  学校名称: string;
  建筑物名称: string;
  结构类型: '框架' | '砖混' | '砖木' | '土木';
  用途: '教学及辅助用房' | '行政办公用房' | '生活用房' | '其他用房';
  '建筑面积(平方米)': string; // decimal with 2 places
  建筑年代: string; // YYYY
  设计抗震烈度: '6度' | '7度';
  鉴定等级: 'A' | 'B' | 'C' | 'D';
  是否租借: '是' | '否';
}

export const BUILDING_CSV_HEADERS: ReadonlyArray<keyof BuildingRow> = [
  '建筑物编号', '学校标识码', '学校名称', '建筑物名称', '结构类型', '用途',
  '建筑面积(平方米)', '建筑年代', '设计抗震烈度', '鉴定等级', '是否租借',
];

export type DataSize = 'demo' | 'city';

/** Sizes from the foundation issue. */
export const DATA_SIZES: Readonly<Record<DataSize, { schools: number; students: number; teachers: number }>> = {
  demo: { schools: 20, students: 10_000, teachers: 800 },
  city: { schools: 1_800, students: 2_000_000, teachers: 150_000 },
};
