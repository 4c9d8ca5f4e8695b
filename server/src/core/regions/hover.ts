// Hover on a region name: its chain, level and code, and where the corpus mentions it.
import type { CorpusRef, Draft, FeatureContext, HoverResult } from '../model';
import { type Gazetteer, levelOfCode, stemOf } from './gazetteer';
import { contextOf, type MentionTotals, type RegionIndex, resolveCodes } from './corpus-index';
import type { RegionMention } from './mentions';
import { allMentions } from './lines';
import { formatChain } from './format';

const LATEST = 3;
function levelName(level: number, ctx: FeatureContext): string {
  const names = [
    ctx.t.t('Province level'), ctx.t.t('Prefecture level'), ctx.t.t('County level'), ctx.t.t('Township level'),
  ];
  return names[level - 1] ?? '';
}

function latest(refs: readonly CorpusRef[], ctx: FeatureContext): CorpusRef[] {
  const date = (r: CorpusRef) => ctx.docs.get(r.docId)?.date ?? '';
  const seenDocs = new Set<string>();
  return [...refs]
    .sort((a, b) => date(b).localeCompare(date(a)) || a.docId.localeCompare(b.docId) || a.start - b.start)
    .filter(r => !seenDocs.has(r.docId) && !!seenDocs.add(r.docId))
    .slice(0, LATEST);
}

/** `totals`: the counts over all documents when `refs` are those of only some (the latest). */
function corpusLines(refs: readonly CorpusRef[] | undefined, ctx: FeatureContext, totals?: MentionTotals): string[] {
  if (!refs || refs.length === 0) return [ctx.t.t('Not mentioned in the corpus.')];
  const docs = totals?.docs ?? new Set(refs.map(r => r.docId)).size;
  const lines = [ctx.t.t('Mentioned {0} times in {1} corpus documents. Latest:', totals?.mentions ?? refs.length, docs)];
  for (const ref of latest(refs, ctx)) {
    const c = ctx.cite(ref);
    if (!c) continue;
    lines.push(`- ${c.date ?? ''} ${c.title} (${c.source}:${c.start.line + 1})`.replace(/^- {2}/, '- '));
  }
  return lines;
}

function nameLines(index: RegionIndex, name: string, ctx: FeatureContext): string[] {
  const use = index.byName.get(name);
  return corpusLines(use?.refs, ctx, use?.totals);
}

function describeRegion(code: string, gaz: Gazetteer, ctx: FeatureContext): string {
  const r = gaz.regions.get(code);
  const level = levelName(levelOfCode(code), ctx);
  const change = gaz.changes.get(code);
  const changed = !change ? ''
    : change.kind === 'rename' ? `  \n${ctx.t.t('Renamed in {0} (formerly {1}).', change.date, change.old ?? '')}`
    : change.kind === 'new' ? `  \n${ctx.t.t('New in {0}.', change.date)}` : '';
  return `**${r?.name ?? code}** — ${formatChain(gaz, code)}  \n${level} · \`${code}\`${changed}`;
}

/** The date of the division data, for every region hover: a reviewer knows how current it is. */
function dataLine(gaz: Gazetteer, ctx: FeatureContext): string {
  return `*${ctx.t.t('Division data as of {0}.', gaz.dataDate || '2023')}*`;
}

/** Regions now named by a stem (谢家镇 -> 谢家街道), preferring those in the draft's context. */
function renamedTo(word: string, gaz: Gazetteer, context: ReadonlySet<string>): string[] {
  for (let cut = 1; cut <= 2 && cut < word.length - 1; cut++) {
    const codes = gaz.stems.get(word.slice(0, word.length - cut));
    if (codes?.length) return resolveCodes(codes, context);
  }
  return [];
}

export function hover(draft: Draft, offset: number, gaz: Gazetteer, index: RegionIndex, ctx: FeatureContext): HoverResult | null {
  const mentions = allMentions(draft.norm, gaz);
  const at = mentions.filter(m => m.start <= offset && offset < m.end);
  // A known name wins over a by-form window; among forms, the one the corpus knows.
  const m: RegionMention | undefined = at.find(x => x.kind !== 'form') ?? at.find(x => index.byName.has(x.text));
  if (!m) return null;
  const context = contextOf(mentions, gaz);
  const parts: string[] = [];
  if (m.kind === 'historical') {
    parts.push(`**${m.text}** — ${ctx.t.t('Historical name: {0}', gaz.historical.get(m.text) ?? '')}`);
    parts.push(...nameLines(index, m.text, ctx));
  } else if (m.kind === 'form') {
    parts.push(`**${m.text}** — ${ctx.t.t('Not in the division codes as of {0}; known from the corpus.', gaz.dataDate || '2023')}`);
    const now = renamedTo(m.text, gaz, context);
    if (now.length) parts.push(ctx.t.t('The current codes call it {0}.', now.map(c => formatChain(gaz, c)).join(ctx.t.t('; '))));
    parts.push(...nameLines(index, m.text, ctx));
  } else {
    const codes = resolveCodes(m.codes, context);
    for (const code of codes.slice(0, 4)) {
      parts.push(describeRegion(code, gaz, ctx));
      parts.push(...corpusLines(index.byCode.get(code), ctx, index.codeTotals?.get(code)));
    }
    if (codes.length > 4) parts.push(ctx.t.t('… and {0} more regions with this name.', codes.length - 4));
    if (m.kind === 'short' && codes.length === 1) {
      const r = gaz.regions.get(codes[0]);
      if (r && stemOf(r.name, r.level).stem !== r.name) parts.push(ctx.t.t('Official name: {0}', r.name));
    }
  }
  if (m.kind !== 'historical') parts.push(dataLine(gaz, ctx));
  return { start: m.start, end: m.end, markdown: parts.join('\n\n') };
}
