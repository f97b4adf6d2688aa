/** Chinese words for the pool's codes, as the people who run the process say them. */
export const shareTypeLabels: Record<string, { text: string; color: string }> = {
  UNCONDITIONAL: { text: '无条件共享', color: 'green' },
  CONDITIONAL: { text: '有条件共享', color: 'orange' },
  NOT_SHARED: { text: '不予共享', color: 'red' },
};

export const accessLabels: Record<string, { text: string; color: string }> = {
  OPEN: { text: '开放数据', color: 'green' },
  JURISDICTION: { text: '本辖区可读', color: 'blue' },
  GRANTED: { text: '已授权', color: 'cyan' },
  APPLYABLE: { text: '可申请', color: 'gold' },
  NOT_SHARED: { text: '不予共享', color: 'red' },
};

export const statusLabels: Record<string, { text: string; color: string }> = {
  SUBMITTED: { text: '已提交', color: 'processing' },
  ENDORSED: { text: '已审核上报', color: 'blue' },
  DECLINED: { text: '已退回', color: 'warning' },
  APPROVED: { text: '已同意', color: 'success' },
  REJECTED: { text: '已拒绝', color: 'error' },
  WITHDRAWN: { text: '已撤回', color: 'default' },
};

export const maskLabels: Record<string, string> = {
  NAME: '姓名只留姓',
  ID_NUMBER_REGION_AND_CHECK: '证件号留地区码和校验码',
  ID_NUMBER_BIRTH_YEAR: '证件号留地区码和出生年',
  PHONE: '电话中间四位隐藏',
  BIRTH_DATE_YEAR_MONTH: '出生日期到年月',
  BIRTH_DATE_YEAR: '出生日期到年',
  ADDRESS_DISTRICT: '地址到区',
};

export const roleLabels: Record<string, string> = {
  APPLICANT: '经办人', ENDORSER: '审核人', DATA_OFFICER: '数据管理员', SUPERVISOR: '监督员', AUDITOR: '审计员', APP_ADMIN: '应用管理员',
};

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** Days left to a deadline, a part of a day counted as a whole one. */
export function daysLeft(deadline: string, now: Date = new Date()): number {
  return Math.ceil((new Date(deadline).getTime() - now.getTime()) / 86_400_000);
}

/** Days past a deadline, a part of a day counted as a whole one (at least 1 once it has passed). */
export function daysOverdue(deadline: string, now: Date = new Date()): number {
  return Math.max(1, Math.ceil((now.getTime() - new Date(deadline).getTime()) / 86_400_000));
}
