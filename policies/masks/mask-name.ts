/**
 * Two-character surnames (复姓) still in common use. A name starting with one
 * keeps both characters; a two-character name never does (`司马` as a whole
 * name is surname 司, given name 马).
 */
const compoundSurnames: ReadonlySet<string> = new Set([
  '欧阳', '司马', '诸葛', '上官', '司徒', '东方', '皇甫', '夏侯', '尉迟', '公孙', '慕容', '长孙', '宇文', '司空', '端木', '令狐',
]);

/** `张三丰` → `张**`, `欧阳修` → `欧阳*`: the surname stays, every other character becomes `*`. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  const surnameLength = chars.length >= 3 && compoundSurnames.has(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.slice(0, surnameLength).join('') + '*'.repeat(chars.length - surnameLength);
}
