import {
  familyRelationByCode, householdTypeByCode, politicalStatusByCode, postCategoryByCode, staffStatusByCode,
} from '../standards';

describe('national code tables', () => {
  it('use GB/T 4761 family relations: 51/52 are a pupil\'s parents, 11/12 (spouses) are not in the table', () => {
    expect(familyRelationByCode('51')).toEqual({ code: '51', name: '父亲' });
    expect(familyRelationByCode('52')).toEqual({ code: '52', name: '母亲' });
    expect(familyRelationByCode('63')).toEqual({ code: '63', name: '外祖父' });
    expect(familyRelationByCode('11')).toBeUndefined();
    expect(familyRelationByCode('12')).toBeUndefined();
  });

  it('look codes up by own key only', () => {
    expect(politicalStatusByCode('13')).toEqual({ code: '13', name: '群众' });
    expect(politicalStatusByCode('constructor')).toBeUndefined();
    expect(householdTypeByCode('10')).toBeUndefined();
    expect(staffStatusByCode('01')).toEqual({ code: '01', name: '在职' });
  });

  it('name a post by its code, else by its range', () => {
    expect(postCategoryByCode('23')).toEqual({ code: '23', name: '班主任' });
    expect(postCategoryByCode('25')).toEqual({ code: '25', name: '教师兼管理岗位' });
    expect(postCategoryByCode('99')).toBeUndefined();
  });
});
