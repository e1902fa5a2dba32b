// Types for www/newsmark.js. The result types come from the wasm-bindgen layer.
import type { AnnotateResult, LabelInfo } from './pkg/newsmark.js';
export type { AnnotateResult, Entity, Label, LabelInfo } from './pkg/newsmark.js';

/** Fetches and instantiates the wasm module; idempotent. */
export function load(): Promise<void>;
/** True once load() has finished. */
export function isLoaded(): boolean;
/** Annotates text; offsets are UTF-16 code units. Throws if not loaded. */
export function annotate(text: string): AnnotateResult;
/** The labels Newsmark produces. */
export function labels(): LabelInfo[];
/** The library version. */
export function version(): string;
