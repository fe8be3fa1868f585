/**
 * Builds the pages' scripts with esbuild (iife, platform browser, es2020) and copies Chart.js,
 * hammerjs and chartjs-plugin-zoom from node_modules into <out>/assets/, so the pages need no network.
 *
 * The explorer bundles src/lae/theory/scalar.ts, the code the simulations use. An import of the
 * tensor core, linalg or a Node built-in fails the build with the importing file named, instead of
 * breaking in the browser.
 */
import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const srcDir = resolve(here, '..');
/** Modules the browser bundles must not contain (Node-only or far too heavy). */
const NODE_ONLY = [join(srcDir, 'tensor'), join(srcDir, 'linalg')];

export const ENTRIES = {
  report: join(here, 'page', 'main.ts'),
  explorer: join(here, 'explorer', 'main.ts'),
} as const;

export const browserSafe: Plugin = {
  name: 'laelab-browser-safe',
  setup(b) {
    const builtins = new Set(builtinModules);
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const bare = args.path.replace(/^node:/, '');
      if (args.path.startsWith('node:') || builtins.has(bare.split('/')[0]!)) {
        return { errors: [{ text: `${relative(srcDir, args.importer)} imports the Node built-in "${args.path}", which does not run in a browser` }] };
      }
      if (!args.path.startsWith('.')) return undefined;
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (NODE_ONLY.some((dir) => target === dir || target.startsWith(`${dir}/`))) {
        return { errors: [{ text: `${relative(srcDir, args.importer)} imports ${relative(srcDir, target)}: the tensor core and linalg are not bundled for the browser` }] };
      }
      return undefined;
    });
  },
};

/** The bundled script of one entry, minified, with a header naming its source. */
export async function bundleEntry(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    plugins: [browserSafe],
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return `/* laelab: ${relative(resolve(srcDir, '..'), entry)} bundled by src/report/bundle.ts (esbuild). */\n${text}`;
}

const require = createRequire(import.meta.url);

/** A vendor file next to a package's resolved main file (works wherever npm placed the package). */
function vendorFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(pkg)), file);
}

/** Vendor scripts for the results page: file name in assets/ → path on disk. */
export function vendorAssets(): Record<string, string> {
  return {
    'chart.umd.min.js': vendorFile('chart.js', 'chart.umd.min.js'),
    'hammer.min.js': vendorFile('hammerjs', 'hammer.min.js'),
    'chartjs-plugin-zoom.min.js': vendorFile('chartjs-plugin-zoom', 'chartjs-plugin-zoom.min.js'),
  };
}

/** Every asset the pages load: name in assets/ → content. */
export async function buildAssets(): Promise<Map<string, string>> {
  const assets = new Map<string, string>();
  for (const [name, path] of Object.entries(vendorAssets())) assets.set(name, readFileSync(path, 'utf8'));
  assets.set('report.js', await bundleEntry(ENTRIES.report));
  assets.set('explorer.js', await bundleEntry(ENTRIES.explorer));
  return assets;
}
