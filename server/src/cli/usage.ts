// The CLI's own words (--help, --version), in the CLI's language.
import type { Localizer } from '../core/types';
import { version } from '../../../package.json';
import { FORMATS } from './output';

export const VERSION: string = version;

export function usage(t: Localizer): string {
  return [
    t('usage: policy-lint [options] FILE...'),
    t('       policy-lint corpus [options]        show what the corpus index holds'),
    t('       policy-lint index --database URL [--corpus DIR]... [--workers N]   build or update the office index'),
    '',
    t('options:'),
    t('  --format FORMAT      output format: {0} (default: text)', FORMATS.join('|')),
    t('  --corpus DIR         add a corpus folder, file or glob (repeatable)'),
    t('  --no-seeds           do not include the bundled seed corpus'),
    t('  --team DIR           folder holding .policy-draft/ (config.json, team regions, phrase libraries; default: .)'),
    t('  --locale LOCALE      message language: en or zh-cn (default: from LANG)'),
    t('  --no-cache           do not read or write the on-disk index cache'),
    t('  --database URL       the office index (postgres://…; credentials from PG* variables, ~/.pgpass or pg_service.conf)'),
    t('  --workers N          index: analyse files on N threads (default: 1)'),
    t('  --fix                apply the fixes that are certain, then report what is left'),
    t('  --fix-dry-run        print the certain fixes as a unified diff; change nothing'),
    t('  -V, --version        print the version'),
    t('  -h, --help           show this help'),
    '',
    t('exit status: 0 nothing found, 1 findings, 2 usage or I/O error'),
  ].join('\n');
}
