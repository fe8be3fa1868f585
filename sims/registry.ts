/** Every simulation the CLI knows, in `--all` order. To add one: import it and append it here. */
import type { Simulation } from '../src/sim/index.js';
import { alignmentConv } from './alignment-conv.js';
import { alignmentDepth } from './alignment-depth.js';
import { alignmentLae } from './alignment-lae.js';
import { alignmentMnist } from './alignment-mnist.js';
import { grassmannian } from './grassmannian.js';
import { laeCircle } from './lae-circle.js';
import { laeCurvature } from './lae-curvature.js';
import { laeHeatmap } from './lae-heatmap.js';
import { laePcaBench } from './lae-pca-bench.js';
import { laeScalar } from './lae-scalar.js';
import { laeShrinkage } from './lae-shrinkage.js';
import { laeTranspose } from './lae-transpose.js';
import { mnistDirections } from './mnist-directions.js';
import { mnistEmbedding } from './mnist-embedding.js';
import { oja } from './oja.js';

export const simulations: Simulation[] = [
  laeScalar, laeTranspose, laeHeatmap, laeShrinkage, laeCircle, laeCurvature, grassmannian,
  laePcaBench, mnistDirections, mnistEmbedding, oja,
  alignmentMnist, alignmentLae, alignmentConv, alignmentDepth,
];
