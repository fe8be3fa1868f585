/** The product straight from the definition, C[i,j] = Σ_p op(A)[i,p]·op(B)[p,j]: the kernel tests' oracle. */
export function referenceGemm(ta: boolean, tb: boolean, M: number, N: number, K: number, A: Float64Array, B: Float64Array): Float64Array {
  const C = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += (ta ? A[p * M + i]! : A[i * K + p]!) * (tb ? B[j * K + p]! : B[p * N + j]!);
      C[i * N + j] = s;
    }
  }
  return C;
}
