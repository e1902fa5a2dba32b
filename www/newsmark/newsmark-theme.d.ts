// Types for newsmark-theme.js (www/newsmark/): shared label colours and the highlight stylesheet.
import type { Label } from './newsmark.js';

export const LABEL_COLORS: Readonly<Record<Label, string>>;
export const INK: string;
export const CLAIM_COLOR: string;
export const FOCUS_COLOR: string;
export function markCss(): string;
export function colorRules(inst: string, colors: Partial<Record<Label, string>>): string[];
export function markSheet(win?: Window): CSSStyleSheet;
