// Builds www/newsmark/newsmark.min.js: the embeddable module in one file, for pages
// without a bundler (README, "One file"). It holds newsmark.js, its imports, the
// <newsmark-annotator> element and the first wasm module's bindings, minified, and
// fetches the same files as the modules do (pkg/newsmark_bg.wasm, the claims pack,
// the second module and its bindings, the helper worker), by the same relative URLs:
// the file sits beside newsmark.js. Run by `./build.sh build` after wasm-bindgen.
//
//   node scripts/one-file.mjs [www/newsmark]
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = resolve(process.argv[2] ?? 'www/newsmark');
const out = join(dir, 'newsmark.min.js');

// wasm-bindgen's glue names its wasm relative to itself (pkg/); in one file beside
// newsmark.js that URL must say pkg/. newsmark.js always passes the compiled module,
// so the glue's own URL is a fallback, but it should not point at a file that is not there.
const GLUE_URL = "new URL('newsmark_bg.wasm', import.meta.url)";
const glueUrl = {
  name: 'glue-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]pkg[\\/]newsmark\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const n = src.split(GLUE_URL).length - 1;
      if (n !== 1) throw new Error(`${args.path}: expected ${GLUE_URL} once, found it ${n} times (wasm-bindgen changed its glue?)`);
      return { contents: src.replace(GLUE_URL, "new URL('./pkg/newsmark_bg.wasm', import.meta.url)"), loader: 'js' };
    });
  },
};

await build({
  stdin: {
    contents: "export * from './newsmark.js';\nexport * from './newsmark-annotator.js';\n",
    resolveDir: dir,
    sourcefile: 'newsmark.min.entry.js',
  },
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  // Fetched only with the claims, after the first entities: stays its own file.
  external: ['./pkg/newsmark_attribution.js'],
  plugins: [glueUrl],
  outfile: out,
  logLevel: 'warning',
});
const bytes = readFileSync(out);
console.error(`built ${out}: ${bytes.length} bytes, ${gzipSync(bytes, { level: 9 }).length} gzipped`);
