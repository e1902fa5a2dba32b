// The export and import panel: a download button per format of formats()
// (files.js writes and reads the files), and an import that either updates the
// open article (same text: one undoable step) or opens the file as a new one.
import { ui, state, page, busy, setStatus, size, BUSY, MAX_TEXT } from './context.js';
import { newId, titleOf } from './state.js';
import * as E from './edits.js';
import { listFormats, exportAs, download, detectFormat, importAs, FORMAT_NAMES } from './files.js';
import { apply } from './editing.js';
import { saveNow, setText } from './saving.js';

export function buildFiles() {
  const formats = listFormats();
  ui.exports.replaceChildren(...formats.map((f) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary small';
    b.dataset.format = f.name;
    b.disabled = true;
    b.append(FORMAT_NAMES[f.name] ?? f.name, ' ');
    const ext = document.createElement('span');
    ext.className = 'ext';
    ext.textContent = `.${f.extension}`;
    b.append(ext);
    // The visible words first (WCAG 2.5.3), then what the button does.
    b.setAttribute('aria-label', `${FORMAT_NAMES[f.name] ?? f.name} .${f.extension}, download`);
    b.addEventListener('click', () => exportFile(f.name));
    return b;
  }));
  for (const f of formats.filter((x) => x.importable)) {
    const o = document.createElement('option');
    o.value = f.name;
    o.textContent = `${FORMAT_NAMES[f.name] ?? f.name} (.${f.extension})`;
    ui.importFormat.append(o);
  }
}

function exportFile(format) {
  if (!state.doc) return;
  try {
    const { content, filename, mediaType } = exportAs(state.doc, format, state.title);
    download(content, filename, mediaType);
    setStatus(ui.filesStatus, `Downloaded ${filename}.`);
  } catch (err) {
    setStatus(ui.filesStatus, `Could not export as ${format}: ${err.message}`, true);
  }
}

// brat files name their annotation types freely; the core reads the labels it
// knows and Newsmark's own roles, and skips other types. The page refuses a
// file with any other type instead, naming it: a label it does not know is a
// mistake to point out, not to drop silently.
const BRAT_ROLES = new Set(['Claim', 'Source', 'Cue', 'Content', 'Attribution']);
const labelNames = new Map();
/** Whether the core reads `name` as a label (names, aliases such as PERSON or GPE, any case). */
function isLabelName(name) {
  if (!labelNames.has(name)) {
    let ok = true;
    try {
      importAs(JSON.stringify({ text: 'x', spans: [{ start: 0, end: 1, label: name }] }), 'prodigy');
    } catch {
      ok = false;
    }
    labelNames.set(name, ok);
  }
  return labelNames.get(name);
}
/** The first text-bound annotation of a brat file whose type is neither a label nor a role: an error message, or null. */
function unknownBratType(content) {
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tab = line.indexOf('\t');
    if (line[0] !== 'T' || tab < 0) continue;
    const spec = line.slice(tab + 1).split('\t', 1)[0];
    // The type is what comes before the offsets ("PER 0 5", "Claim 0 5;7 9").
    const m = /^(.*?) +\d+ +\d+(?:;\d+ +\d+)*\s*$/.exec(spec);
    const type = m ? m[1] : spec.split(' ', 1)[0];
    if (!BRAT_ROLES.has(type) && !isLabelName(type)) {
      return `brat file, line ${i + 1}: unknown label “${type}” (known: ${page.labels.map((l) => l.name).join(', ')})`;
    }
  }
  return null;
}

ui.importFile.addEventListener('change', async () => {
  const file = ui.importFile.files?.[0];
  if (!file) return;
  ui.importFile.value = '';
  if (busy()) {
    setStatus(ui.filesStatus, `Did not import ${file.name}: ${BUSY} Your current work is unchanged.`, true);
    return;
  }
  if (file.size > 4 * MAX_TEXT) {
    setStatus(ui.filesStatus, `Could not import ${file.name}: the file is too large for the page (${(file.size / 1048576).toFixed(1)} MB). Your current work is unchanged.`, true);
    return;
  }
  let content;
  try {
    content = await file.text();
  } catch (err) {
    setStatus(ui.filesStatus, `Could not read ${file.name}: ${err.message}. Your current work is unchanged.`, true);
    return;
  }
  const format = ui.importFormat.value === 'auto' ? detectFormat(file.name, content) : ui.importFormat.value;
  if (!format) {
    setStatus(ui.filesStatus, `Could not tell the format of ${file.name}: choose it in the list and import again. Your current work is unchanged.`, true);
    return;
  }
  let doc;
  try {
    const bad = format === 'brat' ? unknownBratType(content) : null;
    if (bad) throw new Error(bad);
    doc = importAs(content, format, state.doc?.text);
    if (doc.text.length > MAX_TEXT) throw new Error(`its text is too long for the page (${size(doc.text.length)}; the limit is ${size(MAX_TEXT)})`);
  } catch (err) {
    setStatus(ui.filesStatus, `Could not import ${file.name} (${FORMAT_NAMES[format] ?? format}): ${err.message}. Your current work is unchanged.`, true);
    return;
  }
  const title = typeof doc.extra?.title === 'string' ? doc.extra.title : null;
  const clean = { newsmark: doc.newsmark, offsets: 'utf16', text: doc.text, entities: doc.entities, claims: doc.claims, attributions: doc.attributions };
  page.session.flush();
  if (state.doc && clean.text === state.doc.text) {
    if (format === 'prodigy') { // entities only: keep the claims
      clean.claims = state.doc.claims;
      clean.attributions = state.doc.attributions;
    }
    const entry = apply(E.replaceAll(state.doc, clean, `Imported ${file.name}`), { focus: false });
    setStatus(ui.filesStatus, entry
      ? `Imported ${file.name}: ${clean.entities.length} entities, ${clean.claims.length} claims (Ctrl+Z undoes it).`
      : `${file.name} has the same annotations as the article.`);
  } else {
    if (state.doc) await saveNow();
    state.open({ id: newId(), title: title ?? titleOf(clean.text), document: clean });
    setText(clean.text);
    setStatus(ui.filesStatus, `Opened ${file.name} as a new article (its text differs from the current one).`);
  }
});
