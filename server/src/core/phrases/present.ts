// What a completion item says about its phrase: where it comes from and an example.
import type { FeatureContext } from '../model';
import { exampleSentence } from './example';
import { yearsOf } from './table';
import { baseName } from './text';
import type { MinedPhrase, PhraseEntry, PhraseIndex, PhraseLibrary, ShippedEvidence } from './types';

export interface Described {
  detail: string;
  documentation?: string;
}

export function describeCorpus(p: MinedPhrase, index: PhraseIndex, ctx: FeatureContext): Described {
  const t = ctx.t;
  const kind =
    p.kind === 'quoted' ? t('Quoted formula') : p.kind === 'template' ? t('Corpus phrase with figures') : t('Corpus phrase');
  const years =
    p.firstYear === undefined ? '' : p.firstYear === p.lastYear ? String(p.firstYear) : `${p.firstYear}–${p.lastYear}`;
  const detail = [kind, t('{0} uses in {1} documents', p.count, p.docCount), years].filter(Boolean).join(' · ');

  const parts: string[] = [];
  const [d, start, end] = p.at;
  const exampleDoc = index.docs[d] && ctx.docs.get(index.docs[d].id);
  if (exampleDoc) {
    const ex = exampleSentence(exampleDoc, start, end);
    parts.push(`> ${ex.text}`);
    parts.push(`— ${exampleDoc.title || exampleDoc.source}${exampleDoc.date ? ` (${exampleDoc.date})` : ''}`);
  }
  const others = p.docs
    .filter(n => n !== d)
    .map(n => index.docs[n] && ctx.docs.get(index.docs[n].id))
    .filter((doc): doc is NonNullable<typeof doc> => !!doc)
    .map(doc => `${doc.title || doc.source}${doc.date ? ` (${doc.date})` : ''}`);
  if (others.length) parts.push(t('Also in: {0}', others.join('; ')));
  return { detail, documentation: parts.length ? parts.join('\n\n') : undefined };
}

export function describeShipped(e: PhraseEntry, ev: ShippedEvidence, ctx: FeatureContext): Described {
  const t = ctx.t;
  const ys = yearsOf(ev);
  const years = !ys.length ? '' : ys[0] === ys[ys.length - 1] ? String(ys[0]) : `${ys[0]}–${ys[ys.length - 1]}`;
  const uses = ev.count ? t('{0} uses in {1} documents', ev.count, ev.docCount) : '';
  const detail = [t('Standard phrasing'), uses, years].filter(Boolean).join(' · ');
  const parts: string[] = [];
  if (ev.example) parts.push(`> ${ev.example}`);
  if (ev.exampleSource) parts.push(`— ${ev.exampleSource}`);
  parts.push(ev.curated ? t('From the built-in list of standard phrasing') : t('From the shipped table of public policy texts'));
  return { detail, documentation: parts.join('\n\n') };
}

export function describeTeam(e: PhraseEntry, library: PhraseLibrary, ctx: FeatureContext): Described {
  const t = ctx.t;
  const name = library.name ?? baseName(library.source);
  const detail = [library.builtin ? name : t('Team library {0}', name), e.category].filter(Boolean).join(' · ');
  const parts: string[] = [];
  if (e.note) parts.push(e.note);
  if (e.preferredOver?.length) parts.push(t('Preferred over: {0}', e.preferredOver.join('、')));
  parts.push(t('From {0}', library.source));
  return { detail, documentation: parts.join('\n\n') };
}
