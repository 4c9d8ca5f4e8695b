import { realInputs } from './corpus';
import { minePhrases, completePhrases } from '../../../server/src/core/phrases';
import { createLocalizer } from '../../../server/src/core/l10n';
const inputs = realInputs();
const idx = minePhrases(inputs);
const docs = new Map(inputs.map(i => [i.doc.id, i.doc]));
const ctx = { t: createLocalizer('zh-cn'), cite: () => undefined, docs };
for (const typed of process.argv.slice(2)) {
  const r = completePhrases({ text: typed, norm: typed, date: '2025-03-01' }, typed.length, idx, [], ctx);
  console.log(typed, '→', r.slice(0, 8).map(x => x.label).join(' | '));
}
