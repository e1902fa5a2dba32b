// Exports and imports: every format of formats(), through the core's
// exportDocument / importDocument. Downloads are Blob URLs made in the page;
// nothing is uploaded anywhere.
import { exportDocument, importDocument, formats } from '../newsmark/pkg/newsmark.js';

let cache = null;
/** The formats, as the core lists them: [{ name, extension, mediaType, importable }]. */
export function listFormats() {
  cache ??= formats();
  return cache;
}

export const FORMAT_NAMES = {
  html: 'HTML page',
  json: 'Newsmark JSON',
  prodigy: 'Prodigy JSONL',
  spacy: 'spaCy JSON',
  brat: 'brat standoff',
  conll: 'CoNLL',
  webanno: 'W3C Web Annotation',
  claimreview: 'ClaimReview',
};

/** A file name from an article title: "lufthansa-orders-20-jets.ann". */
export function fileName(title, extension) {
  const slug = (title || 'article').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'article';
  return `${slug}.${extension}`;
}

/** Saves `content` as a file through a Blob URL (same origin; revoked after the click). */
export function download(content, filename, mediaType) {
  const blob = new Blob([content], { type: `${mediaType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Writes the document in `format`; returns { content, filename, mediaType }. */
export function exportAs(doc, format, title) {
  const info = listFormats().find((f) => f.name === format);
  if (!info) throw new Error(`unknown format ${format}`);
  const content = exportDocument({ ...doc, extra: { title, exported: new Date().toISOString() } }, format);
  return { content, filename: fileName(title, info.extension), mediaType: info.mediaType };
}

/** Guesses an importable format from a file's name and content; null if it cannot tell. */
export function detectFormat(filename, content) {
  const name = filename.toLowerCase();
  if (name.endsWith('.ann')) return 'brat';
  if (name.endsWith('.jsonl')) return 'prodigy';
  if (name.endsWith('.newsmark.json')) return 'json';
  const head = content.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    try {
      const v = JSON.parse(content);
      if (v && typeof v === 'object' && 'newsmark' in v) return 'json';
      if (v && typeof v === 'object' && (v.first || v.items || v['@context'])) return 'webanno';
      if (v && typeof v === 'object' && 'text' in v && 'spans' in v) return 'prodigy';
    } catch {
      // JSON lines: one object per line.
      const line = head.split('\n', 1)[0];
      try {
        const v = JSON.parse(line);
        if (v && 'text' in v) return 'prodigy';
      } catch { /* not JSON */ }
    }
    if (name.endsWith('.jsonld')) return 'webanno';
    if (name.endsWith('.json')) return 'json';
    return null;
  }
  if (/^[TAERN#]\d*\t/m.test(content)) return 'brat';
  return null;
}

/**
 * Reads a file into a document (UTF-16 offsets). brat and Web Annotation files
 * are read against `currentText`. Throws an Error naming the problem.
 */
export function importAs(content, format, currentText) {
  return importDocument(content, format, currentText ?? undefined);
}
