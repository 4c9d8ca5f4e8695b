// The one place that turns core results (UTF-16 offsets, plain data) into LSP types.
import { pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, Diagnostic, DiagnosticSeverity,
  DocumentSymbol, InsertTextFormat, MarkupKind, SymbolKind, TextEdit, type Hover, type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HeadingSymbol } from '../core/headings';
import type { CompletionResult, HoverResult } from '../core/model';
import type { Finding, Severity } from '../core/types';

export const SOURCE = 'policy-draft';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const d = Diagnostic.create(rangeOf(doc, f.start, f.end), f.message, SEVERITY[f.severity], f.code, SOURCE);
  const related = (f.related ?? []).flatMap(r => {
    if (r.source === null && r.span) {
      return [{ location: { uri: doc.uri, range: rangeOf(doc, r.span.start, r.span.end) }, message: r.message }];
    }
    if (r.source && r.start) {
      return [{ location: { uri: fileUri(r.source), range: { start: r.start, end: r.end ?? r.start } }, message: r.message }];
    }
    return [];
  });
  if (related.length) d.relatedInformation = related;
  if (f.fixes?.length) d.data = { fixes: f.fixes };
  return d;
}

/** Quick fixes carried by a diagnostic (the core computed them with the finding). */
export function codeActionsFor(doc: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  const fixes = (diagnostic.data as { fixes?: Finding['fixes'] } | undefined)?.fixes ?? [];
  return fixes.map(fix => {
    const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.preferred;
    action.edit = { changes: { [doc.uri]: fix.edits.map(e => TextEdit.replace(rangeOf(doc, e.start, e.end), e.newText)) } };
    return action;
  });
}

export function toHover(doc: TextDocument, h: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: rangeOf(doc, h.start, h.end) };
}

export function toCompletionItem(doc: TextDocument, c: CompletionResult, cursor: number): CompletionItem {
  const item = CompletionItem.create(c.label);
  item.kind = c.isSnippet ? CompletionItemKind.Snippet : CompletionItemKind.Text;
  item.insertTextFormat = c.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText;
  // The range covers exactly the typed part of the phrase, not the whole run of Chinese before the cursor.
  item.textEdit = TextEdit.replace(rangeOf(doc, c.replaceStart, cursor), c.insertText);
  item.filterText = c.filterText ?? c.label;
  item.sortText = c.sortText;
  item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  return item;
}

export function toDocumentSymbols(doc: TextDocument, symbols: HeadingSymbol[]): DocumentSymbol[] {
  return symbols.map(s =>
    DocumentSymbol.create(
      s.name,
      undefined,
      SymbolKind.String,
      rangeOf(doc, s.start, s.end),
      rangeOf(doc, s.selectionStart, s.selectionEnd),
      toDocumentSymbols(doc, s.children),
    ),
  );
}
