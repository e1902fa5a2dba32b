// Types of newsmark.min.js, the one-file build (README, "One file"): the API of
// newsmark.js and the <newsmark-annotator> element of newsmark-annotator.js.
export * from './newsmark.js';
export * from './newsmark-annotator.js';
