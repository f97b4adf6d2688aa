import type { MaskKind } from '../../catalog';
import { maskValue } from '../mask-value';

const table: ReadonlyArray<[MaskKind, string | null, string | null]> = [
  // NAME: the surname stays, one star per other character.
  ['NAME', '张三丰', '张**'],
  ['NAME', '张三', '张*'],
  ['NAME', '欧阳修', '欧阳*'],
  ['NAME', '司马相如', '司马**'],
  ['NAME', '诸葛亮', '诸葛*'],
  ['NAME', '上官婉儿', '上官**'],
  ['NAME', '司徒雷登', '司徒**'],
  ['NAME', '司马', '司*'],
  ['NAME', '王', '*'],
  ['NAME', ' 李四 ', '李*'],
  ['NAME', null, null],
  ['NAME', '', ''],
  // ID numbers.
  ['ID_NUMBER_REGION_AND_CHECK', '440106201909196760', '440106***********0'],
  ['ID_NUMBER_REGION_AND_CHECK', '44010619900101123X', '440106***********X'],
  ['ID_NUMBER_REGION_AND_CHECK', '440106900101123', '440106********3'],
  ['ID_NUMBER_REGION_AND_CHECK', '1234567', '*******'],
  ['ID_NUMBER_REGION_AND_CHECK', null, null],
  ['ID_NUMBER_REGION_AND_CHECK', '', ''],
  ['ID_NUMBER_BIRTH_YEAR', '440106201909196760', '4401062019********'],
  ['ID_NUMBER_BIRTH_YEAR', '440106900101123', '44010690*******'],
  ['ID_NUMBER_BIRTH_YEAR', 'H1234567', '********'],
  ['ID_NUMBER_BIRTH_YEAR', null, null],
  ['ID_NUMBER_BIRTH_YEAR', '', ''],
  // Phones: mobiles keep 3 + 4, landlines the area code and the last 4.
  ['PHONE', '13812341234', '138****1234'],
  ['PHONE', '138 1234 1234', '138****1234'],
  ['PHONE', '+8613812341234', '138****1234'],
  ['PHONE', '020-87654321', '020-****4321'],
  ['PHONE', '(020)87654321', '020-****4321'],
  ['PHONE', '02087654321', '020-****4321'],
  ['PHONE', '0757-2345678', '0757-***5678'],
  ['PHONE', '07572345678', '0757-***5678'],
  ['PHONE', '020-87654321-806', '020-****4321'],
  ['PHONE', '87654321', '****4321'],
  ['PHONE', '1234', '****'],
  ['PHONE', null, null],
  ['PHONE', '', ''],
  // Birth dates.
  ['BIRTH_DATE_YEAR_MONTH', '2019-09-19', '2019-09'],
  ['BIRTH_DATE_YEAR_MONTH', '19/09/2019', '**********'],
  ['BIRTH_DATE_YEAR_MONTH', null, null],
  ['BIRTH_DATE_YEAR_MONTH', '', ''],
  ['BIRTH_DATE_YEAR', '2019-09-19', '2019'],
  ['BIRTH_DATE_YEAR', '2019-09', '*******'],
  ['BIRTH_DATE_YEAR', null, null],
  ['BIRTH_DATE_YEAR', '', ''],
  // Addresses: down to the district.
  ['ADDRESS_DISTRICT', '广东省广州市天河区华景路1号', '广州市天河区'],
  ['ADDRESS_DISTRICT', '广州市白云区京溪街道南方医院宿舍3栋', '广州市白云区'],
  ['ADDRESS_DISTRICT', '越秀区东风中路100号', '广州市越秀区'],
  ['ADDRESS_DISTRICT', '广东省 广州市 番禺区 市桥街', '广州市番禺区'],
  ['ADDRESS_DISTRICT', '广州市东山区农林下路', '广州市东山区'],
  ['ADDRESS_DISTRICT', '广州市增城市荔城街', '广州市增城市'],
  ['ADDRESS_DISTRICT', '湖南省长沙市岳麓区麓山南路2号', '湖南省长沙市岳麓区'],
  ['ADDRESS_DISTRICT', '北京市朝阳区建国路1号', '北京市朝阳区'],
  ['ADDRESS_DISTRICT', '广西壮族自治区南宁市青秀区民族大道', '广西壮族自治区南宁市青秀区'],
  ['ADDRESS_DISTRICT', '湖南省长沙市', '湖南省长沙市'],
  ['ADDRESS_DISTRICT', '广州市华景路1号', '广州市'],
  ['ADDRESS_DISTRICT', '花城市场3号铺', '广州市'],
  ['ADDRESS_DISTRICT', '华景路1号', '广州市'],
  ['ADDRESS_DISTRICT', null, null],
  ['ADDRESS_DISTRICT', '', ''],
];

describe('maskValue', () => {
  test.each(table)('%s: %p → %p', (kind, value, expected) => {
    expect(maskValue(kind, value)).toBe(expected);
  });
});
