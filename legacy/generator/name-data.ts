/**
 * Surnames weighted as in Guangdong (陈, 李, 黄, 张, 梁 lead), with their pinyin,
 * and given-name characters by sex and generation. Characters with more than
 * one common reading (乐, 长, 朝 …) are left out, so one pinyin per character is right.
 */
export const surnames: ReadonlyArray<readonly [surname: string, pinyin: string, weight: number]> = [
  ['陈', 'CHEN', 95], ['李', 'LI', 70], ['黄', 'HUANG', 65], ['张', 'ZHANG', 45], ['梁', 'LIANG', 42],
  ['林', 'LIN', 40], ['刘', 'LIU', 38], ['吴', 'WU', 30], ['罗', 'LUO', 28], ['何', 'HE', 28],
  ['郑', 'ZHENG', 22], ['王', 'WANG', 22], ['杨', 'YANG', 20], ['周', 'ZHOU', 18], ['谢', 'XIE', 18],
  ['邓', 'DENG', 18], ['冯', 'FENG', 16], ['曾', 'ZENG', 16], ['朱', 'ZHU', 14], ['许', 'XU', 12],
  ['蔡', 'CAI', 12], ['潘', 'PAN', 12], ['钟', 'ZHONG', 12], ['彭', 'PENG', 10], ['余', 'YU', 10],
  ['卢', 'LU', 10], ['叶', 'YE', 10], ['郭', 'GUO', 10], ['胡', 'HU', 9], ['苏', 'SU', 8],
  ['麦', 'MAI', 8], ['陆', 'LU', 6], ['赖', 'LAI', 6], ['邱', 'QIU', 6], ['关', 'GUAN', 6],
  ['温', 'WEN', 5], ['杜', 'DU', 4], ['江', 'JIANG', 5], ['谭', 'TAN', 8], ['徐', 'XU', 6],
  ['孙', 'SUN', 4], ['马', 'MA', 4], ['高', 'GAO', 4], ['古', 'GU', 3], ['莫', 'MO', 5],
  ['方', 'FANG', 4], ['邝', 'KUANG', 3], ['简', 'JIAN', 2], ['欧阳', 'OUYANG', 3], ['司徒', 'SITU', 2],
];

export type NameStyle = 'boy' | 'girl' | 'man' | 'woman';

export const givenNameCharacters: Readonly<Record<NameStyle, ReadonlyArray<readonly [string, string]>>> = {
  boy: [['浩', 'HAO'], ['宇', 'YU'], ['轩', 'XUAN'], ['俊', 'JUN'], ['杰', 'JIE'], ['博', 'BO'], ['梓', 'ZI'],
    ['睿', 'RUI'], ['泽', 'ZE'], ['晨', 'CHEN'], ['铭', 'MING'], ['嘉', 'JIA'], ['子', 'ZI'], ['昊', 'HAO'],
    ['天', 'TIAN'], ['一', 'YI'], ['航', 'HANG'], ['锦', 'JIN'], ['煜', 'YU'], ['宸', 'CHEN'], ['逸', 'YI'],
    ['皓', 'HAO'], ['恩', 'EN'], ['安', 'AN'], ['霖', 'LIN'], ['朗', 'LANG'], ['锐', 'RUI']],
  girl: [['欣', 'XIN'], ['怡', 'YI'], ['婷', 'TING'], ['雅', 'YA'], ['琳', 'LIN'], ['诗', 'SHI'], ['思', 'SI'],
    ['雨', 'YU'], ['梦', 'MENG'], ['佳', 'JIA'], ['颖', 'YING'], ['晴', 'QING'], ['涵', 'HAN'], ['悦', 'YUE'],
    ['萱', 'XUAN'], ['妍', 'YAN'], ['彤', 'TONG'], ['可', 'KE'], ['馨', 'XIN'], ['安', 'AN'], ['紫', 'ZI'],
    ['韵', 'YUN'], ['嘉', 'JIA'], ['子', 'ZI'], ['晓', 'XIAO'], ['恩', 'EN'], ['芷', 'ZHI'], ['瑶', 'YAO']],
  man: [['伟', 'WEI'], ['国', 'GUO'], ['建', 'JIAN'], ['志', 'ZHI'], ['明', 'MING'], ['文', 'WEN'], ['华', 'HUA'],
    ['强', 'QIANG'], ['军', 'JUN'], ['永', 'YONG'], ['健', 'JIAN'], ['荣', 'RONG'], ['振', 'ZHEN'], ['鹏', 'PENG'],
    ['炜', 'WEI'], ['宏', 'HONG'], ['诚', 'CHENG'], ['毅', 'YI'], ['涛', 'TAO'], ['峰', 'FENG'], ['辉', 'HUI'],
    ['立', 'LI'], ['海', 'HAI'], ['耀', 'YAO'], ['锦', 'JIN'], ['家', 'JIA'], ['兴', 'XING'], ['斌', 'BIN']],
  woman: [['丽', 'LI'], ['芳', 'FANG'], ['敏', 'MIN'], ['燕', 'YAN'], ['玲', 'LING'], ['霞', 'XIA'], ['红', 'HONG'],
    ['秀', 'XIU'], ['美', 'MEI'], ['珊', 'SHAN'], ['静', 'JING'], ['慧', 'HUI'], ['艳', 'YAN'], ['娟', 'JUAN'],
    ['婉', 'WAN'], ['洁', 'JIE'], ['琼', 'QIONG'], ['翠', 'CUI'], ['凤', 'FENG'], ['嘉', 'JIA'], ['雪', 'XUE'],
    ['萍', 'PING'], ['英', 'YING'], ['莉', 'LI'], ['妙', 'MIAO'], ['婷', 'TING'], ['淑', 'SHU']],
};
