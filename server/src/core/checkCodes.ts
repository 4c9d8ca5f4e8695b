// Every check's code and default severity, apart from the checks themselves: the language server's
// request thread reads the settings with it before it loads the engine (the core) at all.
import type { Severity } from './types';
import { STANDARDS_DEFAULTS } from './standards/common';

export type CheckSeverity = Severity | 'off';

/** Every check the service runs, with its default severity. */
export const CHECKS: Readonly<Record<string, CheckSeverity>> = {
  'script-mixed': 'information',
  'figure-conflict-corpus': 'warning',
  'figure-conflict-draft': 'warning',
  'figure-arithmetic': 'warning',
  'region-unknown': 'warning',
  'region-hierarchy': 'warning',
  'phrase-preferred': 'information',
  'heading-sequence': 'warning',
  ...STANDARDS_DEFAULTS,
};
