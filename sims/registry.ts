/** Every simulation the CLI knows, in `--all` order. To add one: import it and append it here. */
import type { Simulation } from '../src/sim/index.js';
import { grassmannian } from './grassmannian.js';
import { laeCurvature } from './lae-curvature.js';
import { laeScalar } from './lae-scalar.js';

export const simulations: Simulation[] = [laeScalar, laeCurvature, grassmannian];
