/**
 * Guangzhou's 11 current districts as the generator needs them: neighbourhoods
 * for school names, roads for addresses, a share of the city's schools, and the
 * design seismic intensity (DOMAIN.md: 6度 in 花都, 从化, 增城; 7度 elsewhere).
 */
import { currentDistricts } from '../../policies/standards';

export interface DistrictProfile {
  readonly code: string;
  readonly name: string;
  readonly places: ReadonlyArray<string>;
  readonly roads: ReadonlyArray<string>;
  /** Relative number of schools (白云 and 番禺 have the most). */
  readonly schoolWeight: number;
  /** Outer districts: more 农业 households, more boarders. */
  readonly outer: boolean;
  readonly seismicIntensity: '6度' | '7度';
}

type Profile = Omit<DistrictProfile, 'code' | 'name'>;

const profiles: Readonly<Record<string, Profile>> = {
  '440103': { schoolWeight: 7, outer: false, seismicIntensity: '7度',
    places: ['西关', '沙面', '芳村', '花地', '东漖', '中南', '海龙', '多宝', '龙津', '逢源', '华林', '彩虹', '石围塘', '冲口', '白鹤洞', '茶滘'],
    roads: ['中山八路', '龙津西路', '芳村大道', '花地大道', '康王中路', '宝华路', '黄沙大道', '东漖北路'] },
  '440104': { schoolWeight: 8, outer: false, seismicIntensity: '7度',
    places: ['东山', '农林', '东风', '育才', '署前', '登峰', '矿泉', '建设', '北京', '光塔', '六榕', '大塘', '华乐', '洪桥', '梅花村', '执信'],
    roads: ['中山五路', '东风东路', '环市东路', '解放北路', '北京路', '农林下路', '越秀南路', '寺右新马路', '达道路', '文德路'] },
  '440105': { schoolWeight: 9, outer: false, seismicIntensity: '7度',
    places: ['昌岗', '南华', '江南', '滨江', '素社', '新港', '赤岗', '琶洲', '南洲', '瑞宝', '江海', '凤阳', '龙凤', '沙园', '官洲', '华洲'],
    roads: ['江南大道中', '新港西路', '宝岗大道', '工业大道', '昌岗中路', '滨江东路', '南洲路', '东晓路'] },
  '440106': { schoolWeight: 11, outer: false, seismicIntensity: '7度',
    places: ['华景', '天河', '龙口', '石牌', '棠下', '员村', '车陂', '冼村', '猎德', '沙河', '五山', '林和', '天园', '东圃', '黄村', '华阳', '龙洞', '珠江新城'],
    roads: ['天河路', '天河北路', '体育西路', '中山大道西', '黄埔大道西', '华观路', '天河东路', '五山路', '龙口西路', '花城大道'] },
  '440111': { schoolWeight: 16, outer: true, seismicIntensity: '7度',
    places: ['同和', '京溪', '三元里', '棠景', '新市', '景泰', '松洲', '黄石', '嘉禾', '均禾', '石井', '人和', '太和', '钟落潭', '江高', '永平', '金沙', '鹤龙'],
    roads: ['白云大道北', '广州大道北', '机场路', '云城西路', '齐富路', '同泰路', '石沙路', '新广从公路'] },
  '440112': { schoolWeight: 8, outer: false, seismicIntensity: '7度',
    places: ['黄埔', '大沙', '鱼珠', '红山', '文冲', '长洲', '萝岗', '夏港', '联和', '永和', '九龙', '科学城', '知识城', '香雪', '南岗', '穗东'],
    roads: ['黄埔东路', '大沙地东', '开创大道', '香雪大道', '科丰路', '开发大道', '丰乐北路', '九龙大道'] },
  '440113': { schoolWeight: 14, outer: true, seismicIntensity: '7度',
    places: ['市桥', '沙湾', '大石', '洛浦', '钟村', '南村', '石碁', '石楼', '化龙', '新造', '小谷围', '东环', '桥南', '沙头', '大龙', '星河湾'],
    roads: ['清河东路', '繁华路', '番禺大道', '迎宾路', '大北路', '兴业大道', '亚运大道', '汉溪大道'] },
  '440114': { schoolWeight: 9, outer: true, seismicIntensity: '6度',
    places: ['新华', '花城', '秀全', '新雅', '狮岭', '炭步', '赤坭', '花山', '梯面', '花东', '雅瑶', '圆玄'],
    roads: ['新华路', '公益路', '迎宾大道', '凤凰北路', '云山大道', '龙珠路', '天贵路', '商业大道'] },
  '440115': { schoolWeight: 5, outer: true, seismicIntensity: '7度',
    places: ['南沙', '黄阁', '横沥', '万顷沙', '大岗', '榄核', '东涌', '珠江', '龙穴', '金洲', '蕉门'],
    roads: ['进港大道', '黄阁大道', '凤凰大道', '金岭北路', '环市大道', '港前大道'] },
  '440117': { schoolWeight: 6, outer: true, seismicIntensity: '6度',
    places: ['街口', '江埔', '城郊', '温泉', '太平', '鳌头', '良口', '吕田', '流溪', '神岗', '城内'],
    roads: ['河滨北路', '新城路', '中田路', '街口大道', '从城大道', '广从南路'] },
  '440118': { schoolWeight: 10, outer: true, seismicIntensity: '6度',
    places: ['荔城', '增江', '新塘', '永宁', '石滩', '中新', '派潭', '正果', '朱村', '仙村', '小楼', '荔湖'],
    roads: ['荔城大道', '增城大道', '府佑路', '新塘大道', '东桥路', '挂绿路'] },
};

export const districtProfiles: ReadonlyArray<DistrictProfile> = Object.freeze(currentDistricts.map((d) => {
  const profile = profiles[d.code];
  if (!profile) throw new Error(`no generator profile for district ${d.code}`);
  return Object.freeze({ code: d.code, name: d.name, ...profile });
}));
