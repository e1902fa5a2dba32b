// Learning from the corrections (session.js does it): what to learn from
// next, what has been learned so far, and the panel's export, import and reset.
import { ui, state, page, setStatus } from './context.js';
import * as E from './edits.js';
import { download } from './files.js';

// What the session learns from: the paragraphs edited since it last learned
// (the whole article after an import).
export const lesson = { ranges: [], all: false };
export function nextLesson() {
  const doc = state.doc;
  const sub = !doc ? null : lesson.all ? doc : E.excerpt(doc, lesson.ranges);
  resetLesson();
  return sub;
}
/** Nothing to learn from (yet): an article opened, or re-annotated. */
export function resetLesson() {
  lesson.ranges = [];
  lesson.all = false;
}

export function showLearned({ report, size }) {
  const what = size.lexicon || size.weights
    ? `${size.lexicon} ${size.lexicon === 1 ? 'string' : 'strings'} in your lexicon, ${size.weights} model ${size.weights === 1 ? 'weight' : 'weights'} adjusted.`
    : 'Nothing learned yet.';
  ui.learned.textContent = what;
  if (report && (report.lexicon_entries || report.lexicon_removed || report.features_updated)) {
    const removed = report.lexicon_removed
      ? `; ${report.lexicon_removed} lexicon ${report.lexicon_removed === 1 ? 'entry' : 'entries'} unlearned (an undone correction)`
      : '';
    setStatus(ui.learnStatus, `Learned from your edits: ${report.lexicon_entries} lexicon ${report.lexicon_entries === 1 ? 'entry' : 'entries'}, ${report.sentences_updated} ${report.sentences_updated === 1 ? 'sentence' : 'sentences'}${removed}.`);
  }
}

ui.learnedExport.addEventListener('click', () => {
  try {
    download(page.session.exportLearned(), 'newsmark-learned.json', 'application/json');
    setStatus(ui.learnStatus, 'Downloaded newsmark-learned.json.');
  } catch (err) {
    setStatus(ui.learnStatus, `Could not export: ${err.message}`, true);
  }
});
ui.learnedImport.addEventListener('change', async () => {
  const file = ui.learnedImport.files?.[0];
  if (!file) return;
  ui.learnedImport.value = '';
  try {
    page.session.importLearned(await file.text());
    setStatus(ui.learnStatus, `Imported ${file.name}. Annotate again to use it.`);
  } catch (err) {
    setStatus(ui.learnStatus, `Could not import ${file.name}: ${err.message}. What was learned before is kept.`, true);
  }
});
let resetArmed = 0;
ui.learnedReset.addEventListener('click', () => {
  if (!resetArmed) {
    ui.learnedReset.textContent = 'Confirm: forget everything learned';
    setStatus(ui.learnStatus, 'Press again to forget what Newsmark learned from your corrections.');
    resetArmed = setTimeout(() => {
      resetArmed = 0;
      ui.learnedReset.textContent = 'Reset learned';
    }, 6000);
    return;
  }
  clearTimeout(resetArmed);
  resetArmed = 0;
  ui.learnedReset.textContent = 'Reset learned';
  page.session.reset();
  setStatus(ui.learnStatus, 'Forgot what was learned: back to the trained model.');
});
