import { readFileSync } from 'node:fs';
import { findSubjects, mainSubjectOf } from '../../../server/src/core/figures/subject';
const t = readFileSync('seeds/001_fdc2892f8edab62d.txt','utf8');
console.log(mainSubjectOf(t, '整治发展环境打造开放名片.doc'));
console.log(findSubjects(t).slice(0, 30).map(m => m.name + ':' + m.key + ':' + m.level).join(' '));
