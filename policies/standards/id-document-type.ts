import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 身份证件类型码 (DOMAIN.md "ID document type"). */
export const idDocumentTypes: CodeTable = Object.freeze({
  '1': '居民身份证', '6': '港澳居民来往内地通行证', '7': '澳门居民来往内地通行证', '8': '台湾居民来往大陆通行证',
  '9': '境外永久居住证', A: '护照', B: '户口簿', Z: '其他',
});

export function idDocumentTypeByCode(code: string): CodeName | undefined {
  return codeNameIn(idDocumentTypes, code);
}
