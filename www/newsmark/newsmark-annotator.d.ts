// Types for newsmark-annotator.js (www/newsmark/): the <newsmark-annotator> element.
import type { AnnotateResult, EditedEntity, Label, Strings } from './newsmark.js';

/** The element's own UI text (annotateElement()'s Strings may be given too). */
export interface UiStrings {
  textLabel: string; placeholder: string; annotate: string; clear: string; loading: string; ready: string;
  empty: string; found: string; cleared: string; loadError: string; error: string; output: string;
  outputEmpty: string; legend: string; count: string; keysHint: string;
}
export const UI_STRINGS: Readonly<UiStrings>;

/** Attributes: `labels` (space-separated), `editable`, `min-score`. */
export class NewsmarkAnnotator extends HTMLElement {
  value: string;
  readonly result: AnnotateResult | null;
  readonly annotations: { entities: EditedEntity[] } | null;
  strings: Partial<UiStrings & Strings>;
  colors: Partial<Record<Label, string>>;
  readonly ready: Promise<void>;
  annotate(): Promise<AnnotateResult | null>;
}

declare global {
  interface HTMLElementTagNameMap {
    'newsmark-annotator': NewsmarkAnnotator;
  }
}
