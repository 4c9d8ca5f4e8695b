// subjectMentionsWith finds a lexicon's words in one pass over the text (subject.ts wordMentionsByPass), with
// the first-character indexes of the last few lexicons kept (an index pushed out lends its bit set to the next)
// and each word's last end stamped per read. It must find what looking for each word with indexOf from the end
// of its last occurrence finds, sorted by start, longer first, word order — whatever lexicons were read before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { subjectLexicon, subjectMentionsWith, suffixMentionsOf, type SubjectLexicon, type SubjectMention } from '../../../server/src/core/figures/subject';

const EVENT_NAME = /^[\u4e00-\u9fff]{0,14}?(?:锦标赛|大赛|比赛|联赛|赛事|运动会|大会|会议|论坛|博览会|交易会|展览会|峰会)/;

/** subjectMentionsWith as a scan of each word with indexOf. */
function reference(text: string, suffixed: readonly SubjectMention[], lex: SubjectLexicon): SubjectMention[] {
  const kept = lex.repeated.size ? suffixed.filter(m => !lex.repeated.has(text.slice(m.end - 1, m.end + 1))) : suffixed;
  const found: Array<SubjectMention & { k: number }> = [];
  lex.words.forEach(([word, key, level], k) => {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) found.push({ start: i, end: i + word.length, key, name: word, level, k });
  });
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.k - b.k);
  const words = found.map(({ k: _k, ...m }) => m).filter(m => m.key !== '全国' || !EVENT_NAME.test(text.slice(m.end, m.end + 20)));
  const all = kept.length ? [...kept, ...words].sort((a, b) => a.start - b.start || b.end - a.end) : words;
  const out: SubjectMention[] = [];
  for (const m of all) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  return out;
}

const token = fc.constantFrom(
  '成都', '成都市', '双流区', '郫都区', '宝安区', '深圳', '鹏城', '全市', '全国', '我国', '中国', '国内', '镇江', '镇江市', '当前镇', '落户镇', '江', '镇',
  '锦标赛', '会议', '的', '在', '，', '。', '哈哈哈', '哈哈县', '河口经济开发区', '高新区', '全县', '企业', '增长', '四川省', '省', '市', '县', '区',
);
const line = fc.array(token, { maxLength: 14 }).map(t => t.join(''));

test('the word mentions of a line are each word\'s occurrences, across many lexicons read in turn', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.array(line, { minLength: 1, maxLength: 4 }), line), { minLength: 1, maxLength: 8 }), drafts => {
    // several drafts' lexicons, then their lines read again in another order (indexes pushed out and made again)
    const lexicons = drafts.map(([lines, title]) => subjectLexicon(lines.map(text => ({ text, suffixed: suffixMentionsOf(text) })), title));
    for (const round of [0, 1]) {
      drafts.forEach(([lines], d) => {
        const lex = lexicons[round ? drafts.length - 1 - d : d];
        for (const text of lines) {
          const suffixed = suffixMentionsOf(text);
          assert.deepEqual(subjectMentionsWith(text, suffixed, lex), reference(text, suffixed, lex));
        }
      });
    }
  }), { numRuns: 1500 });
});
