/**
 * School names in the forms Guangzhou uses: 广州市天河区华景小学, 广州市第十三中学,
 * 广州市越秀区育才实验学校, 广州市从化区吕田小学水埔教学点. Names stay unique in
 * a dataset: a repeated neighbourhood becomes 第二小学, 第三小学 ….
 */
import { chineseNumeral } from './chinese-numerals';
import type { DistrictProfile } from './districts';
import type { Random } from './random';

const VILLAGES = ['水埔', '大坑', '新村', '上围', '下围', '塘尾', '高埔', '水口', '坑背', '石岭', '田心', '沙坪'];

export class SchoolNamer {
  private readonly used = new Set<string>();
  private numberedSchools = 0;

  constructor(private readonly random: Random) {}

  name(runningType: string, district: DistrictProfile, privateSchool: boolean): string {
    const random = this.random;
    const place = random.pick(district.places);
    const prefix = `广州市${district.name}`;
    switch (runningType) {
      case '211': return this.unique(prefix + place, privateSchool ? '实验小学' : '小学');
      case '218': return this.unique(`${prefix + place}小学${random.pick(VILLAGES)}`, '教学点');
      case '311': return this.unique(prefix + place, random.chance(0.3) ? '初级中学' : '中学');
      case '312': return this.unique(prefix + place, privateSchool ? '实验学校' : '学校');
      case '341':
      case '342':
        // The old municipal schools carry a number (广州市第六中学); newer ones a place.
        if (!privateSchool && random.chance(0.6)) return this.numbered();
        return this.unique(prefix + place, runningType === '342' ? '高级中学' : '中学');
      case '345': return this.unique(`广州市${place}`, random.chance(0.5) ? '外国语学校' : '实验学校');
      case '365': return this.unique(prefix + place, random.chance(0.5) ? '职业技术学校' : '职业高级中学');
      case '511': return this.unique(prefix, '启明学校');
      case '512': return this.unique(prefix, '启聪学校');
      case '513': return this.unique(prefix, '启智学校');
      default: return this.unique(prefix, '特殊教育学校');
    }
  }

  private numbered(): string {
    this.numberedSchools += 1;
    return this.unique('广州市', `第${chineseNumeral(this.numberedSchools)}中学`);
  }

  private unique(stem: string, kind: string): string {
    let name = stem + kind;
    for (let n = 2; this.used.has(name); n += 1) name = `${stem}第${chineseNumeral(n)}${kind}`;
    this.used.add(name);
    return name;
  }
}
