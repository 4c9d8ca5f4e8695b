// The language server needs a transport from its command line; without one, vscode-languageserver
// throws a stack trace. This says how to start it instead.
import { bundleLocale, createLocalizer } from '../core/l10n';

/** The flags vscode-languageserver's createConnection() understands. */
const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

/** A usage message when argv names no transport (undefined when it does). */
export function transportUsage(argv: readonly string[], locale?: string): string | undefined {
  if (argv.some(a => TRANSPORT.test(a))) return undefined;
  const t = createLocalizer(bundleLocale(locale ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG));
  return `${t('usage: node server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME')}\n` +
    `${t('The Policy Draft language server speaks LSP over the transport given; editors start it for you. For the command line, use policy-lint.')}\n`;
}
