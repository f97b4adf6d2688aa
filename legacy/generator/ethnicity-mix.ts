/**
 * 民族码 as they occur in Guangzhou's schools: 汉族 nearly everywhere, then the
 * minorities most present in Guangdong (壮, 土家, 瑶, 苗, 侗, 回, 满, 畲 …).
 * Codes are GB/T 3304 (policies/standards/ethnicity).
 */
import { weighted } from './random';

export const randomEthnicity = weighted<string>([
  ['01', 960], ['08', 12], ['15', 5], ['03', 4], ['13', 3], ['06', 3], ['12', 3], ['11', 3],
  ['22', 2], ['19', 2], ['09', 1], ['02', 1], ['14', 1],
]);
