/** Chinese numerals for school and class names (第一百一十三中学, 三年级). */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–999 as written in names: 十一, 二十, 一百零五, 一百一十三. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`no Chinese numeral for ${n}`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let text = hundreds ? `${DIGITS[hundreds]}百` : '';
  if (tens) text += hundreds || tens > 1 ? `${DIGITS[tens]}十` : '十';
  else if (hundreds && ones) text += '零';
  if (ones) text += DIGITS[ones];
  return text;
}
