import { realInputs } from './corpus';
import { minePhrases, completePhrases } from '../../../server/src/core/phrases';
import { createLocalizer } from '../../../server/src/core/l10n';
const inputs = realInputs();
const idx = minePhrases(inputs);
const docs = new Map(inputs.map(i => [i.doc.id, i.doc]));
const ctx = { t: createLocalizer('zh-cn'), cite: () => undefined, docs };
const all = inputs.map(i => i.doc.text).join('\n');
const list = '减税降费 稳就业 保市场主体 数字经济 专精特新 城镇老旧小区改造 统筹发展和安全 新型城镇化 国有企业改革 科技自立自强 碳达峰碳中和 现代化产业体系 全国统一大市场 高水平对外开放 乡村全面振兴 基本公共服务均等化 依法行政 法治政府 党风廉政建设 国家安全 能源安全 长江经济带 京津冀协同发展 粤港澳大湾区 长三角一体化 西部大开发 东北振兴 中部崛起 新型基础设施 双一流 互联网+ 人民币国际化 放管结合 优化服务 政务服务 营商环境 市场主体 民营企业 中小微企业 小微企业 普惠金融 房地产市场 保障性住房 棚户区改造 义务教育 职业教育 基本医疗保险 养老保险 社会救助 退役军人 食品药品安全 安全生产 生态文明 污染防治 蓝天保卫战 河长制 绿色发展 节能减排 科技创新 创新驱动 知识产权保护 对外开放 自由贸易试验区 外商投资 进出口 农民工 脱贫攻坚 易地扶贫搬迁 乡村振兴战略 农业农村现代化 高标准农田 粮食生产 种业振兴 城乡融合发展 区域协调发展 国防和军队建设 一国两制 两岸关系 和平统一 人类命运共同体 全过程人民民主 全面依法治国 党的全面领导 中国特色社会主义 伟大复兴 改革开放 实事求是 群众路线 干部队伍 形式主义 官僚主义 廉洁政府 政府职能转变 简政放权 行政审批制度改革'.split(' ');
let hit = 0, n = 0; const miss: string[] = [];
for (const p of list) {
  const c = all.split(p).length - 1;
  if (c < 2) { console.log('skip (rare)', p, c); continue; }
  for (const k of [2, 3]) {
    if (p.length <= k) continue;
    n++;
    const typed = p.slice(0, k);
    const r = completePhrases({ text: typed, norm: typed, date: '2025-03-01' }, typed.length, idx, [], ctx).slice(0, 5).map(x => x.label);
    if (r.includes(p)) hit++; else miss.push(`${typed}→${p}: ${r.join('|')}`);
  }
}
console.log('held-out top5', hit, '/', n, (hit / n * 100).toFixed(1) + '%');
console.log(miss.join('\n'));
