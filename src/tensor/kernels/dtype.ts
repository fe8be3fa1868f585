/**
 * Element types. Tensors hold float64 by default — the LAE theory, the PCA and every gradcheck need
 * it — or float32 for network training, where it doubles the SIMD width of the hot kernels
 * (f32x4 against f64x2). An op of float32 operands gives float32; mixing in a float64 operand gives
 * float64 (NumPy's promotion, ops/operand.ts); `Tensor.to` converts.
 */
export type DType = 'float32' | 'float64';

/** The storage of a tensor of either dtype. */
export type FloatArray = Float64Array | Float32Array;

export const DTYPES: readonly DType[] = ['float32', 'float64'];

/** The dtype a buffer stores. */
export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float32Array ? 'float32' : 'float64';
}

/** A zeroed buffer of n elements of `dtype`. */
export function alloc(dtype: DType, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** A zeroed buffer of n elements of the same dtype as `like`. */
export function allocLike(like: FloatArray, n: number = like.length): FloatArray {
  return like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

/** `values` converted to `dtype` (the same buffer when it already is; float64 → float32 rounds to nearest). */
export function convert(values: FloatArray, dtype: DType): FloatArray {
  if (dtypeOf(values) === dtype) return values;
  return dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
}

/** Whether `v` names a dtype. */
export function isDType(v: unknown): v is DType {
  return v === 'float32' || v === 'float64';
}
