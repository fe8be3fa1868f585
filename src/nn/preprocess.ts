import { noGrad, type Tensor } from '../tensor/index.js';

/**
 * Standardisation fitted on the training rows only: x ↦ (x − μ)/σ with μ the per-feature mean and
 * σ the overall standard deviation of the centred training pixels (one number, so relative pixel
 * scales are kept). Apply the returned function to every split.
 */
export function fitStandardizer(train: Tensor): (x: Tensor) => Tensor {
  const { mu, sigma } = noGrad(() => {
    const mu = train.mean(0, true);
    const sigma = Math.sqrt(train.sub(mu).square().mean().item());
    return { mu, sigma };
  });
  if (!(sigma > 0)) throw new RangeError('fitStandardizer: the training rows are constant (σ = 0)');
  return (x: Tensor) => noGrad(() => x.sub(mu).div(sigma));
}
