// Types for newsmark.js (www/newsmark/). The result types come from the wasm-bindgen layer.
import type { AnnotateResult, Claim, ClaimReview, Entity, Label, LabelInfo } from './pkg/newsmark.js';
export type { AnnotateResult, Claim, ClaimReview, Entity, Label, LabelInfo } from './pkg/newsmark.js';

/** Fetches and instantiates the wasm module; idempotent. */
export function load(): Promise<void>;
/** The compiled wasm module once load() has finished (else null), to post to a worker. */
export function wasmModule(): WebAssembly.Module | null;
/** True once load() has finished. */
export function isLoaded(): boolean;
/** Annotates text; offsets are UTF-16 code units. Throws if not loaded. `claims` and `attributions` are null until loadClaims() has finished. */
export function annotate(text: string, options?: AnnotateOptions): AnnotateResult;
/** Texts of at least this many UTF-16 code units are annotated on two threads by annotateAsync(). */
export const PARALLEL_CHARS: number;
/** Annotates text like annotate(), with the same result, as a promise: a long text (PARALLEL_CHARS or more, claims loaded) has its attributions found in a helper worker while this thread finds its entities and claims. Rejects where annotate() throws. */
export function annotateAsync(text: string, options?: AnnotateOptions): Promise<AnnotateResult>;
/** True once the helper worker of annotateAsync() is ready to serve long texts (the first long call starts it). */
export function helperReady(): boolean;
/** How many annotateAsync() calls have had their attributions found in the helper worker. */
export function helperCalls(): number;
/** Stops the helper worker of annotateAsync() and frees its memory; the next long call starts it again. */
export function stopHelper(): void;
export interface AnnotateOptions {
  /** false: find entities only (claims and attributions are null). Default true. */
  claims?: boolean;
}
/** Fetches and loads the claims models (the second file, pkg/newsmark-claims.bin) and the second module that finds attributions (pkg/newsmark_attribution_bg.wasm); load() starts it by itself. Idempotent. */
export function loadClaims(): Promise<void>;
/** The second module (attribution finding) compiled, once loadClaims() has finished (else null), to post to a worker with the claims pack. */
export function attributionModule(): WebAssembly.Module | null;
/** The attributions of text as the numbers the wasm's annotate(text, attributions) and Session.annotateDocument(text, attributions) take with the same text; undefined before loadClaims() has finished. */
export function findAttributions(text: string): Uint32Array | undefined;
/** True once the claims models are loaded. */
export function claimsLoaded(): boolean;
/** Frees the per-word memory kept between calls (a few MB); results never depend on it. */
export function releaseCaches(): void;
/** The claims pack's bytes once loadClaims() has finished (else null), to post to a worker. */
export function claimsPack(): Uint8Array | null;
/** The labels Newsmark produces. */
export function labels(): LabelInfo[];
/** The core's tokens of text as [start0, end0, start1, end1, …] in UTF-16 code units. Throws if not loaded. */
export function tokenEdges(text: string): Uint32Array;
/** The library version. */
export function version(): string;
/** A claimant's name as shown: the source span's text without an apposition's closing comma, and for a pronoun the name it refers to: "She (Maria Lopez)". */
export function claimantText(source: { text: string }, refersTo?: { text: string } | null): string;

/** UI strings of annotateElement(); templates use {placeholders}. */
export interface Strings {
  /** Label name shown after a highlight, per label (default: the label, e.g. "PER"). */
  labels: Partial<Record<Label, string>>;
  /** Label description for tooltips, per label (default: from labels()). */
  descriptions: Partial<Record<Label, string>>;
  /** Highlight tooltip: {text} {label} {name} {description} {score} {status}. */
  tooltip: string;
  /** Claim tooltip: {kind} {score}. */
  claim: string;
  /** Appended to a claim tooltip: {claimant}. */
  claimant: string;
  kinds: Partial<Record<import('./pkg/newsmark.js').ClaimKind, string>>;
  status: Partial<Record<EntityStatus, string>>;
  /** Appended to the label shown after an accepted highlight. */
  acceptedTag: string;
  /** Editable: accessible name of a highlight ({text} {name} {description} {status}). */
  entity: string;
  /** Editable: aria-roledescription of a highlight. */
  roleDescription: string;
  /** Editable: key help added to each tooltip. */
  keys: string;
  /** The review form (R on a highlight in a claim): its title, labels, buttons and error. */
  reviewTitle: string; reviewRating: string; reviewUrl: string; reviewOrganization: string;
  reviewSave: string; reviewCancel: string; reviewMissing: string;
  /** Added to a reviewed claim's tooltip. Placeholder: {rating}. */
  reviewed: string;
}

export type EntityStatus = 'suggested' | 'accepted' | 'rejected' | 'deleted';

export interface AnnotateElementOptions {
  /** Labels to show (array, or a space-separated string); default all. */
  labels?: Label[] | string;
  /** Background colour per label (CSS colours). */
  colors?: Partial<Record<Label, string>>;
  /** Keyboard corrections: Tab/Shift+Tab, 1–9 (labels() order), A, X, Delete/Backspace. Default false. */
  editable?: boolean;
  /** Hide entities scored below this (0–1). Default 0. */
  minScore?: number;
  /** Underline check-worthy claims. Default true. false: entities only (about half the work); the result's claims and attributions are null. */
  claims?: boolean;
  /** Show the label name after each highlight. Default true. */
  showLabels?: boolean;
  strings?: Partial<Strings>;
}

/** An entity as it stands after edits. */
export interface EditedEntity extends Entity {
  status: EntityStatus;
}

/** A claim as it stands after reviews. */
export interface ReviewedClaim extends Claim {
  review: ClaimReview | null;
}

/** detail of the `newsmark:change` event for a review (reviewClaim(), or R in editable mode). */
export interface ReviewChangeDetail {
  type: 'review';
  /** Index into the claims annotateElement() returned. */
  index: number;
  claim: ReviewedClaim;
  previous: ClaimReview | null;
  key: null;
}

/** detail of the `newsmark:change` event. */
export interface ChangeDetail {
  type: 'relabel' | 'accept' | 'reject' | 'delete';
  /** Index into the entities annotateElement() returned. */
  index: number;
  entity: EditedEntity;
  previous: { label: Label; status: EntityStatus };
  key: string;
}

export const DEFAULT_STRINGS: Readonly<Strings>;

/**
 * Annotates an element in place (host markup kept; el.textContent unchanged). Offsets are
 * UTF-16 units into el.textContent. Null if clear(el) was called while the model loaded.
 * Dispatches `newsmark:annotated` (detail: the result) and, when editable, `newsmark:change`.
 */
export function annotateElement(el: Element, options?: AnnotateElementOptions): Promise<AnnotateResult | null>;
/** The annotations of an annotated element with its claims, once they are shown (annotateElement() shows entities first); null if it was cleared, re-annotated or edited first. */
export function claimsShown(el: Element): Promise<AnnotateResult | null>;
/** Restores el's original DOM exactly. True if it was annotated. */
export function clear(el: Element): boolean;
/** The current highlights of an annotated element, edits included; null if not annotated. */
export function getAnnotations(el: Element): { entities: EditedEntity[]; claims: ReviewedClaim[] } | null;
/**
 * Sets (or, with null, removes) a fact-checker's review of claim `index`: rating, url and
 * organization required. Dispatches `newsmark:change` (ReviewChangeDetail); returns the claim.
 */
export function reviewClaim(el: Element, index: number, review: ClaimReview | null): ReviewedClaim;

declare global {
  interface HTMLElementEventMap {
    'newsmark:annotated': CustomEvent<AnnotateResult>;
    'newsmark:claims': CustomEvent<AnnotateResult>;
    'newsmark:change': CustomEvent<ChangeDetail | ReviewChangeDetail>;
  }
}
