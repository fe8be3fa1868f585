/**
 * Which builder turns which simulation's results into charts. A simulation without an entry gets the
 * generic reading of its JSON (charts/generic.ts) plus its PNGs, so new simulations appear on the page
 * without any change here; add an entry (one small file per simulation) for charts like its PNGs.
 */
import { alignmentComparison } from './alignment.js';
import { generic } from './generic.js';
import { grassmannian } from './grassmannian.js';
import { laeCircle } from './lae-circle.js';
import { laeCurvature } from './lae-curvature.js';
import { laeHeatmap } from './lae-heatmap.js';
import { laeScalar } from './lae-scalar.js';
import { laeShrinkage } from './lae-shrinkage.js';
import { laeTranspose } from './lae-transpose.js';
import type { SectionBuilder } from './util.js';

export const SECTION_BUILDERS: Readonly<Record<string, SectionBuilder>> = {
  'lae-scalar': laeScalar,
  'lae-transpose': laeTranspose,
  'lae-heatmap': laeHeatmap,
  'lae-shrinkage': laeShrinkage,
  'lae-circle': laeCircle,
  'lae-curvature': laeCurvature,
  grassmannian,
  'alignment-mnist': alignmentComparison,
  'alignment-conv': alignmentComparison,
};

export { generic };
export { ShapeMismatch, type SectionBuilder } from './util.js';
