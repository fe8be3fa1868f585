#!/usr/bin/env node
/**
 * Generates kernels.wat (WebAssembly text, SIMD f64x2) and assembles it into kernels.wasm with
 * wabt (the npm package, a devDependency), and the same with the gemm micro-kernel's mul + add
 * replaced by relaxed SIMD's f64x2.relaxed_madd (fused multiply-add where the CPU has it):
 * kernels-relaxed.wat / .wasm, used where the engine accepts it (../wasm-runtime.ts). All four
 * files are committed next to this script, so a fresh clone needs no build step; regenerate with
 *
 *   npm run build:wasm            (= node src/tensor/kernels/wasm/build.mjs)
 *   node src/tensor/kernels/wasm/build.mjs --check   exits 1 if the committed files are stale
 *
 * The module imports a shared memory (env.memory) so the same instance code runs on the main
 * thread and in the kernel helper threads over one SharedArrayBuffer. All pointers are byte
 * offsets into that memory; the JavaScript side (../wasm-gemm.ts, ../wasm-sparse-gram.ts) owns the layout.
 *
 * Exports (float64; the float32 versions carry a 32 suffix: gemm32, vadd32, …, relu32, reluBackward32)
 *   gemm(ta, tb, M, N, K, A, lda, B, ldb, C, ldc, packA, packB, tmp, overwrite)
 *       C[M×N, row stride ldc] += op(A)·op(B) (= when overwrite is 1: C need not be zeroed first);
 *       op(A)(i,p) = ta ? A[p·lda+i] : A[i·lda+p],
 *       op(B)(p,j) = tb ? B[j·ldb+p] : B[p·ldb+j]. Row/column blocks of a larger product are
 *       plain pointer offsets, which is how the threads split the work.
 *       Packs KC×NC panels of op(B) into NR-column strips and MC×KC blocks of op(A) into MR-row
 *       strips (zero padded), then runs an MR×NR register-tiled micro-kernel of f64x2
 *       accumulators (mul + add: baseline wasm SIMD has no fused multiply-add). gemm32: the same
 *       driver over MR×2NR tiles of f32x4 accumulators (twice the multiply-adds per instruction).
 *   Element loops over n elements (pointers element-aligned, any n; v128 vectors, then a scalar
 *       tail): vadd, vsub, vmul, vdiv (out = x ∘ y), relu(x, out), reluBackward(x, g, out),
 *       sgd(p, g, v, lr, μ, wd, n), adam(p, g, m, v, lr/c1, β1, β2, 1/√c2, ε, n). The float64 ones
 *       compute exactly what the TypeScript loop computes (same IEEE operations, same order); the
 *       float32 ones the same operations in float32.
 *   im2col(x, cols, N, C, H, W, kh, kw, sh, sw, ph, pw, Ho, Wo), col2im(cols, x, …): the loops
 *       of ../im2col.ts (im2col moves elements bit-exactly; col2im adds in the element type).
 *   sparseGram(X, ps, fs, p0, p1, m, G, idx, val)
 *       G[m×m, upper triangle] += Σ x_p x_pᵀ over points p0 ≤ p < p1 of mostly-zero data, x_p[i] at
 *       X + p·ps + i·fs (byte strides); idx/val: scratch for one point's non-zeros. Bit-identical
 *       to the TypeScript reference (../sparse-gram.ts), whose loop it mirrors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Micro-tile rows (broadcast loads of packed A) and columns (NR/2 f64x2 vectors of packed B).
 * 4×4 (eight f64x2 accumulators) is the largest tile V8's register allocator keeps in the 15
 * usable xmm registers: 5×4, 3×6 and 6×4 spill and run at half the speed (measured). The LAELAB_WASM_*
 * environment variables override the constants for such experiments; the committed files use the
 * defaults (the test suite checks this).
 */
export const MR = Number(process.env.LAELAB_WASM_MR ?? 4);
export const NR = Number(process.env.LAELAB_WASM_NR ?? 4);
/** Cache blocking: KC×NR B strip in L1, MC×KC A block in L2, KC×NC B panel in L3. */
export const KC = Number(process.env.LAELAB_WASM_KC ?? 256);
export const MC = Number(process.env.LAELAB_WASM_MC ?? 128);
export const NC = Number(process.env.LAELAB_WASM_NC ?? 1024);

/**
 * The two element types. float32 packs four lanes per v128, so its micro-tile is MR × 2·NR (two
 * f32x4 vectors per row: the same eight accumulators as the f64 tile, twice the multiply-adds).
 */
const F64 = { t: 'f64', v: 'f64x2', bytes: 8, shift: 3, lanes: 2, splat: 'v128.load64_splat', sfx: '', MR, NR };
const F32 = { t: 'f32', v: 'f32x4', bytes: 4, shift: 2, lanes: 4, splat: 'v128.load32_splat', sfx: '32', MR, NR: 2 * NR };

function microKernel(relaxed, T) {
  const { MR, NR, bytes, shift, lanes, v: V, t, sfx } = T;
  const NV = NR / lanes;
  const L = [];
  L.push(`  ;; C[mr×nr tile at $c, row stride $ldc elements] += packed A strip (kc×${MR}) · packed B strip (kc×${NR}), ${t},`);
  L.push(`  ;; or = when $over is 1 (the first K block of a product that overwrites C: no zero fill needed).`);
  L.push(`  ;; Full tiles go straight to C; edge tiles through the ${MR}×${NR} scratch at $tmp.`);
  L.push(`  (func $micro${sfx} (param $kc i32) (param $pa i32) (param $pb i32) (param $c i32) (param $ldc i32) (param $mr i32) (param $nr i32) (param $tmp i32) (param $over i32)`);
  const locals = ['(local $k i32) (local $row i32) (local $i i32) (local $j i32) (local $a v128)'];
  for (let v = 0; v < NV; v++) locals.push(`(local $b${v} v128)`);
  for (let r = 0; r < MR; r++) for (let v = 0; v < NV; v++) locals.push(`(local $c${r}_${v} v128)`);
  L.push('    ' + locals.join(' '));
  const step = (u) => {
    const out = [];
    for (let v = 0; v < NV; v++) out.push(`(local.set $b${v} (v128.load offset=${(u * NR + lanes * v) * bytes} (local.get $pb)))`);
    for (let r = 0; r < MR; r++) {
      out.push(`(local.set $a (${T.splat} offset=${(u * MR + r) * bytes} (local.get $pa)))`);
      for (let v = 0; v < NV; v++) {
        out.push(
          relaxed
            ? `(local.set $c${r}_${v} (${V}.relaxed_madd (local.get $a) (local.get $b${v}) (local.get $c${r}_${v})))`
            : `(local.set $c${r}_${v} (${V}.add (local.get $c${r}_${v}) (${V}.mul (local.get $a) (local.get $b${v}))))`,
        );
      }
    }
    return out;
  };
  // do-while over the packed A pointer (kc ≥ 1 always): one compare-and-branch per k step.
  // Not unrolled: TurboFan hoists the loads of an unrolled body and spills accumulators.
  L.push(`    (local.set $k (i32.add (local.get $pa) (i32.mul (local.get $kc) (i32.const ${MR * bytes}))))`);
  L.push('    (loop $kl');
  for (const s of step(0)) L.push('      ' + s);
  L.push(`      (local.set $pa (i32.add (local.get $pa) (i32.const ${MR * bytes})))`);
  L.push(`      (local.set $pb (i32.add (local.get $pb) (i32.const ${NR * bytes})))`);
  L.push('      (br_if $kl (i32.lt_u (local.get $pa) (local.get $k))))');
  // store
  L.push(`    (if (i32.and (i32.eq (local.get $mr) (i32.const ${MR})) (i32.eq (local.get $nr) (i32.const ${NR})))`);
  L.push('      (then');
  L.push('        (local.set $row (local.get $c))');
  L.push(`        (local.set $ldc (i32.shl (local.get $ldc) (i32.const ${shift})))`);
  L.push('        (if (local.get $over)');
  L.push('          (then');
  for (let r = 0; r < MR; r++) {
    for (let v = 0; v < NV; v++) L.push(`            (v128.store offset=${v * 16} (local.get $row) (local.get $c${r}_${v}))`);
    if (r < MR - 1) L.push('            (local.set $row (i32.add (local.get $row) (local.get $ldc)))');
  }
  L.push('          )');
  L.push('          (else');
  for (let r = 0; r < MR; r++) {
    for (let v = 0; v < NV; v++) {
      L.push(`            (v128.store offset=${v * 16} (local.get $row) (${V}.add (v128.load offset=${v * 16} (local.get $row)) (local.get $c${r}_${v})))`);
    }
    if (r < MR - 1) L.push('            (local.set $row (i32.add (local.get $row) (local.get $ldc)))');
  }
  L.push('          )');
  L.push('        )');
  L.push('      )');
  L.push('      (else');
  for (let r = 0; r < MR; r++) for (let v = 0; v < NV; v++) L.push(`        (v128.store offset=${(r * NR + lanes * v) * bytes} (local.get $tmp) (local.get $c${r}_${v}))`);
  L.push(`        (local.set $i (i32.const 0))
        (block $ie (loop $il
          (br_if $ie (i32.ge_u (local.get $i) (local.get $mr)))
          (local.set $row (i32.add (local.get $c) (i32.shl (i32.mul (local.get $i) (local.get $ldc)) (i32.const ${shift}))))
          (local.set $j (i32.const 0))
          (block $je (loop $jl
            (br_if $je (i32.ge_u (local.get $j) (local.get $nr)))
            (${t}.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const ${shift})))
              (${t}.add
                (select (${t}.const 0) (${t}.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const ${shift})))) (local.get $over))
                (${t}.load (i32.add (local.get $tmp) (i32.shl (i32.add (i32.mul (local.get $i) (i32.const ${NR})) (local.get $j)) (i32.const ${shift}))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jl)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $il)))`);
  L.push('      )');
  L.push('    )');
  L.push('  )');
  return L.join('\n');
}

/**
 * Packs a block of a matrix into W-wide strips, k-major inside a strip, zero padded:
 * dst[(s·kc + p)·W + r] = src(x0 + s·W + r, p0 + p) for r < rows; the element (x, p) lives at
 * byte src + (x·sx + p·sp)·bytes. When sx = 1 (the strip's W elements are contiguous for each p),
 * full strips are copied with v128 loads/stores; otherwise, when sp = 1, 2×2 (f64) or 4×4 (f32)
 * transposes by lane shuffles, and scalar copies at the edges.
 */
function packFunction(name, W, T) {
  const { bytes, shift, lanes, t, sfx } = T;
  const WV = Math.floor(W / lanes);
  const contiguousCopy = [];
  for (let v = 0; v < WV; v++) contiguousCopy.push(`(v128.store offset=${v * 16} (local.get $d) (v128.load offset=${v * 16} (local.get $s)))`);
  for (let r = WV * lanes; r < W; r++) contiguousCopy.push(`(${t}.store offset=${r * bytes} (local.get $d) (${t}.load offset=${r * bytes} (local.get $s)))`);
  // f64, sp = 1: 2×2 transposes, rows x, x+1 at k = p, p+1 → dst rows (p: x, x+1), (p+1: x, x+1)
  const pairT = [];
  if (t === 'f64') {
    for (let h = 0; h < WV; h++) {
      pairT.push(`(local.set $u (v128.load (i32.add (local.get $s) (i32.mul (local.get $rs) (i32.const ${2 * h})))))`);
      pairT.push(`(local.set $w (v128.load (i32.add (local.get $s) (i32.mul (local.get $rs) (i32.const ${2 * h + 1})))))`);
      pairT.push(`(v128.store offset=${h * 16} (local.get $d) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $w)))`);
      pairT.push(`(v128.store offset=${W * 8 + h * 16} (local.get $d) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $w)))`);
    }
    if (W % 2) {
      // odd width: the last row's two k values
      pairT.push(`(local.set $u (v128.load (i32.add (local.get $s) (i32.mul (local.get $rs) (i32.const ${W - 1})))))`);
      pairT.push(`(f64.store offset=${(W - 1) * 8} (local.get $d) (f64x2.extract_lane 0 (local.get $u)))`);
      pairT.push(`(f64.store offset=${(2 * W - 1) * 8} (local.get $d) (f64x2.extract_lane 1 (local.get $u)))`);
    }
  }
  const general = `;; general / edge strip: element by element, zero padding past $valid rows
              (local.set $r (i32.const 0))
              (block $re (loop $rl
                (br_if $re (i32.ge_u (local.get $r) (i32.const ${W})))
                (if (i32.lt_u (local.get $r) (local.get $valid))
                  (then (call $copyStrided${sfx} (i32.add (local.get $s) (i32.mul (local.get $r) (local.get $rs))) (local.get $ps)
                          (i32.add (local.get $d) (i32.shl (local.get $r) (i32.const ${shift}))) (i32.const ${W * bytes}) (local.get $kc)))
                  (else (call $zeroStrided${sfx} (i32.add (local.get $d) (i32.shl (local.get $r) (i32.const ${shift}))) (i32.const ${W * bytes}) (local.get $kc))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $rl)))`;
  const transposed64 = `(if (i32.and (i32.ge_u (local.get $valid) (i32.const ${W})) (i32.eq (local.get $sp) (i32.const 1)))
            (then
              (local.set $p (i32.const 0))
              (block $qe (loop $ql
                (br_if $qe (i32.ge_u (i32.add (local.get $p) (i32.const 1)) (local.get $kc)))
                ${pairT.join('\n                ')}
                (local.set $s (i32.add (local.get $s) (i32.const 16)))
                (local.set $d (i32.add (local.get $d) (i32.const ${2 * W * 8})))
                (local.set $p (i32.add (local.get $p) (i32.const 2)))
                (br $ql)))
              ;; odd kc: the last k column, scalar
              (if (i32.lt_u (local.get $p) (local.get $kc))
                (then
                  (local.set $r (i32.const 0))
                  (block $le (loop $ll
                    (br_if $le (i32.ge_u (local.get $r) (i32.const ${W})))
                    (f64.store (i32.add (local.get $d) (i32.shl (local.get $r) (i32.const 3)))
                      (f64.load (i32.add (local.get $s) (i32.mul (local.get $r) (local.get $rs)))))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $ll))))))
            (else
              ${general}))`;
  // f32, sp = 1: 4×4 transposes (four rows, four k) by two rounds of shuffles, then a scalar tail of kc mod 4 columns
  const quadT = [];
  if (t === 'f32') {
    const lo = '0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23', hi = '8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31';
    const first = '0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23', second = '8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31';
    for (let g = 0; g < W / 4; g++) {
      for (let q = 0; q < 4; q++) quadT.push(`(local.set $q${q} (v128.load (i32.add (local.get $s) (i32.mul (local.get $rs) (i32.const ${4 * g + q})))))`);
      quadT.push(`(local.set $t0 (i8x16.shuffle ${lo} (local.get $q0) (local.get $q1)))`);
      quadT.push(`(local.set $t1 (i8x16.shuffle ${hi} (local.get $q0) (local.get $q1)))`);
      quadT.push(`(local.set $t2 (i8x16.shuffle ${lo} (local.get $q2) (local.get $q3)))`);
      quadT.push(`(local.set $t3 (i8x16.shuffle ${hi} (local.get $q2) (local.get $q3)))`);
      quadT.push(`(v128.store offset=${(0 * W + 4 * g) * 4} (local.get $d) (i8x16.shuffle ${first} (local.get $t0) (local.get $t2)))`);
      quadT.push(`(v128.store offset=${(1 * W + 4 * g) * 4} (local.get $d) (i8x16.shuffle ${second} (local.get $t0) (local.get $t2)))`);
      quadT.push(`(v128.store offset=${(2 * W + 4 * g) * 4} (local.get $d) (i8x16.shuffle ${first} (local.get $t1) (local.get $t3)))`);
      quadT.push(`(v128.store offset=${(3 * W + 4 * g) * 4} (local.get $d) (i8x16.shuffle ${second} (local.get $t1) (local.get $t3)))`);
    }
  }
  const transposed32 = `(if (i32.and (i32.ge_u (local.get $valid) (i32.const ${W})) (i32.eq (local.get $sp) (i32.const 1)))
            (then
              (local.set $p (i32.const 0))
              (block $qe (loop $ql
                (br_if $qe (i32.ge_u (i32.add (local.get $p) (i32.const 3)) (local.get $kc)))
                ${quadT.join('\n                ')}
                (local.set $s (i32.add (local.get $s) (i32.const 16)))
                (local.set $d (i32.add (local.get $d) (i32.const ${4 * W * 4})))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $ql)))
              ;; kc mod 4 remaining k columns, scalar
              (block $ke (loop $kl
                (br_if $ke (i32.ge_u (local.get $p) (local.get $kc)))
                (local.set $r (i32.const 0))
                (block $le (loop $ll
                  (br_if $le (i32.ge_u (local.get $r) (i32.const ${W})))
                  (f32.store (i32.add (local.get $d) (i32.shl (local.get $r) (i32.const 2)))
                    (f32.load (i32.add (local.get $s) (i32.mul (local.get $r) (local.get $rs)))))
                  (local.set $r (i32.add (local.get $r) (i32.const 1)))
                  (br $ll)))
                (local.set $s (i32.add (local.get $s) (i32.const 4)))
                (local.set $d (i32.add (local.get $d) (i32.const ${W * 4})))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $kl))))
            (else
              ${general}))`;
  return `  ;; ${name}${sfx}: packs src(x0 .. x0+rows−1, p0 .. p0+kc−1) into ${W}-wide ${t} strips (see build.mjs).
  (func $${name}${sfx} (param $src i32) (param $sx i32) (param $sp i32) (param $x0 i32) (param $rows i32) (param $p0 i32) (param $kc i32) (param $dst i32)
    (local $strip i32) (local $nstrips i32) (local $r i32) (local $p i32) (local $s i32) (local $d i32) (local $valid i32)
    (local $rs i32) (local $ps i32) (local $u v128) (local $w v128)${t === 'f32' ? ' (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)' : ''}
    (local.set $nstrips (i32.div_u (i32.add (local.get $rows) (i32.const ${W - 1})) (i32.const ${W})))
    (local.set $rs (i32.shl (local.get $sx) (i32.const ${shift})))
    (local.set $ps (i32.shl (local.get $sp) (i32.const ${shift})))
    (local.set $strip (i32.const 0))
    (block $se (loop $sl
      (br_if $se (i32.ge_u (local.get $strip) (local.get $nstrips)))
      ;; first element of the strip and the strip's first destination
      (local.set $s (i32.add (local.get $src) (i32.shl (i32.add
        (i32.mul (i32.add (local.get $x0) (i32.mul (local.get $strip) (i32.const ${W}))) (local.get $sx))
        (i32.mul (local.get $p0) (local.get $sp))) (i32.const ${shift}))))
      (local.set $d (i32.add (local.get $dst) (i32.mul (i32.mul (local.get $strip) (local.get $kc)) (i32.const ${W * bytes}))))
      (local.set $valid (i32.sub (local.get $rows) (i32.mul (local.get $strip) (i32.const ${W}))))
      (if (i32.and (i32.ge_u (local.get $valid) (i32.const ${W})) (i32.eq (local.get $sx) (i32.const 1)))
        (then
          (local.set $p (i32.const 0))
          (block $pe (loop $pl
            (br_if $pe (i32.ge_u (local.get $p) (local.get $kc)))
            ${contiguousCopy.join('\n            ')}
            (local.set $s (i32.add (local.get $s) (local.get $ps)))
            (local.set $d (i32.add (local.get $d) (i32.const ${W * bytes})))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $pl))))
        (else
          ${t === 'f64' ? transposed64 : transposed32}))
      (local.set $strip (i32.add (local.get $strip) (i32.const 1)))
      (br $sl)))
  )`;
}

function gemmDriver(T) {
  const { MR, NR, shift, sfx, t } = T;
  return `  ;; C (row stride ldc) += op(A)·op(B), ${t}: blocked loops jc (NC) → pc (KC, pack B) → ic (MC, pack A) → jr (NR) → ir (MR).
  (func (export "gemm${sfx}") (param $ta i32) (param $tb i32) (param $M i32) (param $N i32) (param $K i32)
      (param $A i32) (param $lda i32) (param $B i32) (param $ldb i32) (param $C i32) (param $ldc i32)
      (param $packA i32) (param $packB i32) (param $tmp i32) (param $overwrite i32)
    (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32) (local $ic i32) (local $mc i32) (local $jr i32) (local $ir i32)
    (local $asx i32) (local $asp i32) (local $bsx i32) (local $bsp i32) (local $crow i32)
    ;; strides of op(A)(i, p) in elements: (i, p) → i·asx + p·asp; op(B)(p, j) → j·bsx + p·bsp
    (if (local.get $ta)
      (then (local.set $asx (i32.const 1)) (local.set $asp (local.get $lda)))
      (else (local.set $asx (local.get $lda)) (local.set $asp (i32.const 1))))
    (if (local.get $tb)
      (then (local.set $bsx (local.get $ldb)) (local.set $bsp (i32.const 1)))
      (else (local.set $bsx (i32.const 1)) (local.set $bsp (local.get $ldb))))
    (local.set $jc (i32.const 0))
    (block $jce (loop $jcl
      (br_if $jce (i32.ge_u (local.get $jc) (local.get $N)))
      (local.set $nc (select (i32.const ${NC}) (i32.sub (local.get $N) (local.get $jc)) (i32.lt_u (i32.const ${NC}) (i32.sub (local.get $N) (local.get $jc)))))
      (local.set $pc (i32.const 0))
      (block $pce (loop $pcl
        (br_if $pce (i32.ge_u (local.get $pc) (local.get $K)))
        (local.set $kc (select (i32.const ${KC}) (i32.sub (local.get $K) (local.get $pc)) (i32.lt_u (i32.const ${KC}) (i32.sub (local.get $K) (local.get $pc)))))
        (call $packB${sfx} (local.get $B) (local.get $bsx) (local.get $bsp) (local.get $jc) (local.get $nc) (local.get $pc) (local.get $kc) (local.get $packB))
        (local.set $ic (i32.const 0))
        (block $ice (loop $icl
          (br_if $ice (i32.ge_u (local.get $ic) (local.get $M)))
          (local.set $mc (select (i32.const ${MC}) (i32.sub (local.get $M) (local.get $ic)) (i32.lt_u (i32.const ${MC}) (i32.sub (local.get $M) (local.get $ic)))))
          (call $packA${sfx} (local.get $A) (local.get $asx) (local.get $asp) (local.get $ic) (local.get $mc) (local.get $pc) (local.get $kc) (local.get $packA))
          (local.set $jr (i32.const 0))
          (block $jre (loop $jrl
            (br_if $jre (i32.ge_u (local.get $jr) (local.get $nc)))
            (local.set $ir (i32.const 0))
            (block $ire (loop $irl
              (br_if $ire (i32.ge_u (local.get $ir) (local.get $mc)))
              (local.set $crow (i32.add (local.get $C) (i32.shl (i32.add
                (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $ldc))
                (i32.add (local.get $jc) (local.get $jr))) (i32.const ${shift}))))
              (call $micro${sfx} (local.get $kc)
                (i32.add (local.get $packA) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const ${shift})))
                (i32.add (local.get $packB) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const ${shift})))
                (local.get $crow) (local.get $ldc)
                (select (i32.const ${MR}) (i32.sub (local.get $mc) (local.get $ir)) (i32.lt_u (i32.const ${MR}) (i32.sub (local.get $mc) (local.get $ir))))
                (select (i32.const ${NR}) (i32.sub (local.get $nc) (local.get $jr)) (i32.lt_u (i32.const ${NR}) (i32.sub (local.get $nc) (local.get $jr))))
                (local.get $tmp)
                (i32.and (local.get $overwrite) (i32.eqz (local.get $pc))))
              (local.set $ir (i32.add (local.get $ir) (i32.const ${MR})))
              (br $irl)))
            (local.set $jr (i32.add (local.get $jr) (i32.const ${NR})))
            (br $jrl)))
          (local.set $ic (i32.add (local.get $ic) (local.get $mc)))
          (br $icl)))
        (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
        (br $pcl)))
      (local.set $jc (i32.add (local.get $jc) (local.get $nc)))
      (br $jcl)))
  )`;
}

function helpers(T) {
  const { t, sfx } = T;
  return `  ;; dst[i·dstride] = src[i·sstride] for i < n (strides in bytes), ${t}
  (func $copyStrided${sfx} (param $s i32) (param $ss i32) (param $d i32) (param $ds i32) (param $n i32)
    (block $e (loop $l
      (br_if $e (i32.eqz (local.get $n)))
      (${t}.store (local.get $d) (${t}.load (local.get $s)))
      (local.set $s (i32.add (local.get $s) (local.get $ss)))
      (local.set $d (i32.add (local.get $d) (local.get $ds)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
  )
  ;; dst[i·dstride] = 0 for i < n
  (func $zeroStrided${sfx} (param $d i32) (param $ds i32) (param $n i32)
    (block $e (loop $l
      (br_if $e (i32.eqz (local.get $n)))
      (${t}.store (local.get $d) (${t}.const 0))
      (local.set $d (i32.add (local.get $d) (local.get $ds)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
  )`;
}

/**
 * The scalar tail of an element loop: `body` once per remaining element (n mod lanes of them),
 * advancing the pointers `ptrs` by one element.
 */
function tail(T, ptrs, body) {
  const { bytes, lanes } = T;
  if (lanes === 2) return `(if (i32.and (local.get $n) (i32.const 1))
      (then ${body}))`;
  return `(local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const ${lanes - 1})) (i32.const ${T.shift}))))
    (block $te (loop $tl
      (br_if $te (i32.ge_u (local.get $out) (local.get $end)))
      ${body}
      ${ptrs.map((q) => `(local.set $${q} (i32.add (local.get $${q}) (i32.const ${bytes})))`).join('\n      ')}
      (br $tl)))`;
}

/** out[i] = x[i] ∘ y[i] over n elements: v128 vectors, then a scalar tail. */
function binaryFunction(name, op, T) {
  const { t, v: V, shift, lanes, sfx } = T;
  return `  (func (export "${name}${sfx}") (param $x i32) (param $y i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const ${-lanes})) (i32.const ${shift}))))
    (block $e (loop $l
      (br_if $e (i32.ge_u (local.get $out) (local.get $end)))
      (v128.store (local.get $out) (${V}.${op} (v128.load (local.get $x)) (v128.load (local.get $y))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $l)))
    ${tail(T, ['x', 'y', 'out'], `(${t}.store (local.get $out) (${t}.${op} (${t}.load (local.get $x)) (${t}.load (local.get $y))))`)}
  )`;
}

/** ReLU forward and backward: out = max(x, 0) (relu(NaN) = relu(−0) = 0, like the JS kernel's x > 0 ? x : 0); out = x > 0 ? g : 0. */
function reluFunctions(T) {
  const { t, v: V, shift, lanes, sfx } = T;
  const zero = `(v128.const ${V} ${Array(lanes).fill('0').join(' ')})`;
  return `  (func (export "relu${sfx}") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const ${-lanes})) (i32.const ${shift}))))
    (block $e (loop $l
      (br_if $e (i32.ge_u (local.get $out) (local.get $end)))
      (local.set $v (v128.load (local.get $x)))
      (v128.store (local.get $out) (v128.and (local.get $v) (${V}.gt (local.get $v) ${zero})))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $l)))
    ${tail(T, ['x', 'out'], `(${t}.store (local.get $out) (select (${t}.load (local.get $x)) (${t}.const 0) (${t}.gt (${t}.load (local.get $x)) (${t}.const 0))))`)}
  )
  (func (export "reluBackward${sfx}") (param $x i32) (param $g i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const ${-lanes})) (i32.const ${shift}))))
    (block $e (loop $l
      (br_if $e (i32.ge_u (local.get $out) (local.get $end)))
      (v128.store (local.get $out) (v128.and (v128.load (local.get $g)) (${V}.gt (v128.load (local.get $x)) ${zero})))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $l)))
    ${tail(T, ['x', 'g', 'out'], `(${t}.store (local.get $out) (select (${t}.load (local.get $g)) (${t}.const 0) (${t}.gt (${t}.load (local.get $x)) (${t}.const 0))))`)}
  )`;
}

/** A v128 of the f64 parameter `name` in T's lanes, and the parameter as a T scalar. */
const splat = (T, name) => (T.t === 'f64' ? `(f64x2.splat (local.get $${name}))` : `(f32x4.splat (f32.demote_f64 (local.get $${name})))`);
const scalar = (T, name) => (T.t === 'f64' ? `(local.get $${name})` : `(f32.demote_f64 (local.get $${name}))`);

/**
 * SGD in place, in the TypeScript kernel's order (../optim.ts): with momentum μ = 0,
 * p ← p − lr·(g + wd·p); otherwise v ← μv + g + wd·p, p ← p − lr·v.
 */
function sgdFunction(T) {
  const { t, v: V, shift, lanes, sfx, bytes } = T;
  const ld = (q) => `(v128.load (local.get $${q}))`;
  const vecPlain = `(v128.store (local.get $p) (${V}.sub ${ld('p')} (${V}.mul (local.get $L) (${V}.add ${ld('g')} (${V}.mul (local.get $D) ${ld('p')})))))`;
  const vecMomentum = `(local.set $x (${V}.add (${V}.add (${V}.mul (local.get $U) ${ld('v')}) ${ld('g')}) (${V}.mul (local.get $D) ${ld('p')})))
        (v128.store (local.get $v) (local.get $x))
        (v128.store (local.get $p) (${V}.sub ${ld('p')} (${V}.mul (local.get $L) (local.get $x))))`;
  const sl = (q) => `(${t}.load (local.get $${q}))`;
  const scPlain = `(${t}.store (local.get $p) (${t}.sub ${sl('p')} (${t}.mul ${scalar(T, 'lr')} (${t}.add ${sl('g')} (${t}.mul ${scalar(T, 'wd')} ${sl('p')})))))`;
  const scMomentum = `(local.set $y (${t}.add (${t}.add (${t}.mul ${scalar(T, 'mu')} ${sl('v')}) ${sl('g')}) (${t}.mul ${scalar(T, 'wd')} ${sl('p')})))
        (${t}.store (local.get $v) (local.get $y))
        (${t}.store (local.get $p) (${t}.sub ${sl('p')} (${t}.mul ${scalar(T, 'lr')} (local.get $y))))`;
  const loop = (body, ptrs) => `(block $e (loop $l
        (br_if $e (i32.ge_u (local.get $p) (local.get $end)))
        ${body}
        ${ptrs.map((q) => `(local.set $${q} (i32.add (local.get $${q}) (i32.const 16)))`).join(' ')}
        (br $l)))`;
  const tailLoop = (body, ptrs) => `(local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const ${lanes - 1})) (i32.const ${shift}))))
      (block $te (loop $tl
        (br_if $te (i32.ge_u (local.get $p) (local.get $end)))
        ${body}
        ${ptrs.map((q) => `(local.set $${q} (i32.add (local.get $${q}) (i32.const ${bytes})))`).join(' ')}
        (br $tl)))`;
  return `  ;; SGD step over n ${t}: p ← p − lr·(g + wd·p) (mu = 0) or v ← mu·v + g + wd·p, p ← p − lr·v
  (func (export "sgd${sfx}") (param $p i32) (param $g i32) (param $v i32) (param $lr f64) (param $mu f64) (param $wd f64) (param $n i32)
    (local $end i32) (local $L v128) (local $U v128) (local $D v128) (local $x v128) (local $y ${t})
    (local.set $L ${splat(T, 'lr')})
    (local.set $U ${splat(T, 'mu')})
    (local.set $D ${splat(T, 'wd')})
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const ${-lanes})) (i32.const ${shift}))))
    (if (f64.eq (local.get $mu) (f64.const 0))
      (then
        ${loop(vecPlain, ['p', 'g'])}
        ${tailLoop(scPlain, ['p', 'g'])})
      (else
        ${loop(vecMomentum, ['p', 'g', 'v'])}
        ${tailLoop(scMomentum, ['p', 'g', 'v'])}))
  )`;
}

/** Adam: m ← β1m + (1−β1)g; v ← β2v + (1−β2)g²; p ← p − (a·m)/(√v·s + ε), in the TypeScript kernel's order (../optim.ts). */
function adamFunction(T) {
  const { t, v: V, shift, lanes, sfx, bytes } = T;
  const one = `(${t}.const 1)`;
  const vecBody = `(local.set $gi (v128.load (local.get $g)))
      (local.set $mi (${V}.add (${V}.mul (local.get $B1) (v128.load (local.get $m))) (${V}.mul (local.get $C1) (local.get $gi))))
      (local.set $vi (${V}.add (${V}.mul (local.get $B2) (v128.load (local.get $v))) (${V}.mul (${V}.mul (local.get $C2) (local.get $gi)) (local.get $gi))))
      (v128.store (local.get $m) (local.get $mi))
      (v128.store (local.get $v) (local.get $vi))
      (v128.store (local.get $p) (${V}.sub (v128.load (local.get $p))
        (${V}.div (${V}.mul (local.get $A) (local.get $mi)) (${V}.add (${V}.mul (${V}.sqrt (local.get $vi)) (local.get $S)) (local.get $E)))))`;
  const scBody = `(local.set $gs (${t}.load (local.get $g)))
        (local.set $ms (${t}.add (${t}.mul ${scalar(T, 'beta1')} (${t}.load (local.get $m))) (${t}.mul (${t}.sub ${one} ${scalar(T, 'beta1')}) (local.get $gs))))
        (local.set $vs (${t}.add (${t}.mul ${scalar(T, 'beta2')} (${t}.load (local.get $v))) (${t}.mul (${t}.mul (${t}.sub ${one} ${scalar(T, 'beta2')}) (local.get $gs)) (local.get $gs))))
        (${t}.store (local.get $m) (local.get $ms))
        (${t}.store (local.get $v) (local.get $vs))
        (${t}.store (local.get $p) (${t}.sub (${t}.load (local.get $p))
          (${t}.div (${t}.mul ${scalar(T, 'a')} (local.get $ms)) (${t}.add (${t}.mul (${t}.sqrt (local.get $vs)) ${scalar(T, 's')}) ${scalar(T, 'eps')}))))`;
  const ptrs = ['p', 'g', 'm', 'v'];
  return `  ;; Adam step over n ${t} (a = lr/c1, s = 1/√c2)
  (func (export "adam${sfx}") (param $p i32) (param $g i32) (param $m i32) (param $v i32)
      (param $a f64) (param $beta1 f64) (param $beta2 f64) (param $s f64) (param $eps f64) (param $n i32)
    (local $end i32) (local $A v128) (local $B1 v128) (local $B2 v128) (local $C1 v128) (local $C2 v128) (local $S v128) (local $E v128)
    (local $gi v128) (local $mi v128) (local $vi v128) (local $gs ${t}) (local $ms ${t}) (local $vs ${t})
    (local.set $A ${splat(T, 'a')})
    (local.set $B1 ${splat(T, 'beta1')})
    (local.set $B2 ${splat(T, 'beta2')})
    (local.set $C1 (${V}.sub (${V}.splat ${one}) (local.get $B1)))
    (local.set $C2 (${V}.sub (${V}.splat ${one}) (local.get $B2)))
    (local.set $S ${splat(T, 's')})
    (local.set $E ${splat(T, 'eps')})
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const ${-lanes})) (i32.const ${shift}))))
    (block $e (loop $l
      (br_if $e (i32.ge_u (local.get $p) (local.get $end)))
      ${vecBody}
      ${ptrs.map((q) => `(local.set $${q} (i32.add (local.get $${q}) (i32.const 16)))`).join(' ')}
      (br $l)))
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const ${lanes - 1})) (i32.const ${shift}))))
    (block $te (loop $tl
      (br_if $te (i32.ge_u (local.get $p) (local.get $end)))
      ${scBody}
      ${ptrs.map((q) => `(local.set $${q} (i32.add (local.get $${q}) (i32.const ${bytes})))`).join(' ')}
      (br $tl)))
  )`;
}

/**
 * im2col and its adjoint col2im over NCHW batches, the loops of ../im2col.ts (its doc states the
 * layout). im2col only moves elements (i64/i32 loads and stores: bit-exact for either dtype);
 * col2im adds in the element type, as the TypeScript loop (whose float32 sums, computed in float64
 * and rounded once, equal the float32 additions).
 */
function im2colFunctions(T) {
  const { t, shift, sfx } = T;
  const w = t === 'f64' ? 'i64' : 'i32';
  const params = '(param $N i32) (param $C i32) (param $H i32) (param $W i32) (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32) (param $ph i32) (param $pw i32) (param $Ho i32) (param $Wo i32)';
  const locals = `(local $n i32) (local $oh i32) (local $ow i32) (local $c i32) (local $i i32) (local $j i32) (local $HW i32) (local $xn i32)
    (local $ih0 i32) (local $i0 i32) (local $i1 i32) (local $iw0 i32) (local $j0 i32) (local $j1 i32) (local $d i32) (local $xc i32) (local $src i32) (local $K i32)`;
  const get = (v) => `(local.get $${v})`;
  const set = (v, e) => `(local.set $${v} ${e})`;
  const add = (a, b) => `(i32.add ${a} ${b})`;
  const sub = (a, b) => `(i32.sub ${a} ${b})`;
  const mul = (a, b) => `(i32.mul ${a} ${b})`;
  const at = (base, idx) => add(get(base), `(i32.shl ${idx} (i32.const ${shift}))`);
  /** for (v = from; v < to; v++) body */
  const loop = (v, from, to, body) => `${set(v, from)}
    (block $${v}e (loop $${v}l
      (br_if $${v}e (i32.ge_s ${get(v)} ${to}))
      ${body}
      ${set(v, add(get(v), '(i32.const 1)'))}
      (br $${v}l)))`;
  // window geometry of output row (oh) and column (ow): valid kernel offsets [i0, i1) × [j0, j1)
  const rowGeometry = `${set('ih0', sub(mul(get('oh'), get('sh')), get('ph')))}
      ${set('i0', `(select (i32.sub (i32.const 0) ${get('ih0')}) (i32.const 0) (i32.lt_s ${get('ih0')} (i32.const 0)))`)}
      ${set('i1', `(select ${sub(get('H'), get('ih0'))} ${get('kh')} (i32.lt_s ${sub(get('H'), get('ih0'))} ${get('kh')}))`)}`;
  const colGeometry = `${set('iw0', sub(mul(get('ow'), get('sw')), get('pw')))}
        ${set('j0', `(select (i32.sub (i32.const 0) ${get('iw0')}) (i32.const 0) (i32.lt_s ${get('iw0')} (i32.const 0)))`)}
        ${set('j1', `(select ${sub(get('W'), get('iw0'))} ${get('kw')} (i32.lt_s ${sub(get('W'), get('iw0'))} ${get('kw')}))`)}`;
  const xc = set('xc', add(add(add(get('xn'), mul(get('c'), get('HW'))), mul(get('ih0'), get('W'))), get('iw0')));
  const zero = (from, to) => loop('j', from, to, `(${w}.store ${at('d', get('j'))} (${w}.const 0))`);
  const im2colRow = `(if (i32.or (i32.lt_s ${get('i')} ${get('i0')}) (i32.ge_s ${get('i')} ${get('i1')}))
              (then ${zero('(i32.const 0)', get('kw'))})
              (else
                ${set('src', add(get('xc'), mul(get('i'), get('W'))))}
                ${zero('(i32.const 0)', get('j0'))}
                ${loop('j', get('j0'), get('j1'), `(${w}.store ${at('d', get('j'))} (${w}.load ${at('x', add(get('src'), get('j')))}))`)}
                ${zero(get('j1'), get('kw'))}))
            ${set('d', add(get('d'), `(i32.shl ${get('kw')} (i32.const ${shift}))`))}`;
  const outer = (inner) => `${set('HW', mul(get('H'), get('W')))}
    ${set('K', mul(mul(get('C'), get('kh')), get('kw')))}
    ${loop('n', '(i32.const 0)', get('N'), `${set('xn', mul(mul(get('n'), get('C')), get('HW')))}
      ${loop('oh', '(i32.const 0)', get('Ho'), `${rowGeometry}
      ${loop('ow', '(i32.const 0)', get('Wo'), `${colGeometry}
        ${inner}`)}`)}`)}`;
  const im2col = outer(`${loop('c', '(i32.const 0)', get('C'), `${xc}
          ${loop('i', '(i32.const 0)', get('kh'), im2colRow)}`)}`);
  // col2im: the patch row of (n, oh, ow) starts at element d; channel c's entries at d + c·kh·kw
  const col2im = outer(`${loop('c', '(i32.const 0)', get('C'), `${xc}
          ${set('src', add(get('d'), mul(mul(get('c'), get('kh')), get('kw'))))}
          ${loop('i', get('i0'), get('i1'), loop('j', get('j0'), get('j1'), `(${t}.store ${at('x', add(add(get('xc'), mul(get('i'), get('W'))), get('j')))}
              (${t}.add (${t}.load ${at('x', add(add(get('xc'), mul(get('i'), get('W'))), get('j')))})
                (${t}.load ${at('cols', add(add(get('src'), mul(get('i'), get('kw'))), get('j')))})))`))}`)}
        ${set('d', add(get('d'), get('K')))}`);
  return `  ;; cols[(n·Ho + oh)·Wo + ow, (c·kh + i)·kw + j] = x[n, c, oh·sh − ph + i, ow·sw − pw + j] (0 outside), ${t}; $d walks cols in order
  (func (export "im2col${sfx}") (param $x i32) (param $cols i32) ${params}
    ${locals}
    ${set('d', get('cols'))}
    ${im2col}
  )
  ;; x += fold(cols): the adjoint (overlapping patches add up), ${t}; $d is the element index of the patch row
  (func (export "col2im${sfx}") (param $cols i32) (param $x i32) ${params}
    ${locals}
    ${set('d', '(i32.const 0)')}
    ${col2im}
  )`;
}

function elementwise() {
  return [
    ...[F64, F32].flatMap((T) => [
      binaryFunction('vadd', 'add', T),
      binaryFunction('vsub', 'sub', T),
      binaryFunction('vmul', 'mul', T),
      binaryFunction('vdiv', 'div', T),
      reluFunctions(T),
      sgdFunction(T),
      adamFunction(T),
      im2colFunctions(T),
    ]),
  ].join('\n');
}

/**
 * Sparse Gram accumulation, the same operations in the same order as the TypeScript reference
 * (../sparse-gram.ts): per point, gather the non-zeros (feature byte offsets ascending), then add
 * the upper triangle of x xᵀ four rows at a time (one load of (feature, value) feeds four
 * accumulations). Plain f64 mul + add in both builds, so results are bit-identical to the reference.
 */
function sparseGramFunction() {
  const upd = (row, col, a, b) => `(f64.store (i32.add (local.get ${row}) (local.get ${col})) (f64.add (f64.load (i32.add (local.get ${row}) (local.get ${col}))) (f64.mul (local.get ${a}) (local.get ${b}))))`;
  const tri = [];
  const I = ['$i0', '$i1', '$i2', '$i3'], R = ['$r0', '$r1', '$r2', '$r3'], V = ['$v0', '$v1', '$v2', '$v3'];
  for (let r = 0; r < 4; r++) for (let c = r; c < 4; c++) tri.push(`          ${upd(R[r], I[c], V[r], V[c])}`);
  // G[row r, j] += v_r·x_j for the non-zeros (j, x_j) from ($ib, $vb) to the end, for the given rows
  const restOfRows = (rows, pad) => [
    '(block $be (loop $bl',
    '  (br_if $be (i32.ge_u (local.get $ib) (local.get $iend)))',
    '  (local.set $j (i32.load (local.get $ib)))',
    '  (local.set $xb (f64.load (local.get $vb)))',
    ...rows.map((r) => `  ${upd(R[r], '$j', V[r], '$xb')}`),
    '  (local.set $ib (i32.add (local.get $ib) (i32.const 4)))',
    '  (local.set $vb (i32.add (local.get $vb) (i32.const 8)))',
    '  (br $bl)))',
  ].map((line) => pad + line).join('\n');
  const load4 = [];
  for (let r = 0; r < 4; r++) {
    load4.push(`          (local.set ${I[r]} (i32.load offset=${4 * r} (local.get $ia)))`);
    load4.push(`          (local.set ${V[r]} (f64.load offset=${8 * r} (local.get $va)))`);
    load4.push(`          (local.set ${R[r]} (i32.add (local.get $G) (i32.mul (local.get ${I[r]}) (local.get $m))))`);
  }
  return `  ;; G[m×m, upper triangle] += Σ_{p0 ≤ p < p1} x_p x_pᵀ, x_p[i] at X + p·ps + i·fs (byte strides);
  ;; idx (m i32) and val (m f64) are the caller's scratch for one point's non-zeros.
  (func (export "sparseGram") (param $X i32) (param $ps i32) (param $fs i32) (param $p0 i32) (param $p1 i32)
    (param $m i32) (param $G i32) (param $idx i32) (param $val i32)
    (local $x i32) (local $i i32) (local $ie i32) (local $v f64) (local $cnt i32)
    (local $ia i32) (local $va i32) (local $iend i32) (local $ib i32) (local $vb i32) (local $j i32) (local $xb f64)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $v0 f64) (local $v1 f64) (local $v2 f64) (local $v3 f64)
    (local.set $ie (i32.shl (local.get $m) (i32.const 3)))
    (block $pe (loop $pl
      (br_if $pe (i32.ge_u (local.get $p0) (local.get $p1)))
      ;; gather: every entry is written, the count advances only past non-zeros (no branch)
      (local.set $x (i32.add (local.get $X) (i32.mul (local.get $p0) (local.get $ps))))
      (local.set $cnt (i32.const 0))
      (local.set $i (i32.const 0))
      (block $ge (loop $gl
        (br_if $ge (i32.ge_u (local.get $i) (local.get $ie)))
        (local.set $v (f64.load (local.get $x)))
        (i32.store (i32.add (local.get $idx) (i32.shl (local.get $cnt) (i32.const 2))) (local.get $i))
        (f64.store (i32.add (local.get $val) (i32.shl (local.get $cnt) (i32.const 3))) (local.get $v))
        (local.set $cnt (i32.add (local.get $cnt) (f64.ne (local.get $v) (f64.const 0))))
        (local.set $x (i32.add (local.get $x) (local.get $fs)))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $gl)))
      ;; four rows at a time: their 4×4 upper triangle, then the rest of the four rows
      (local.set $ia (local.get $idx))
      (local.set $va (local.get $val))
      (local.set $iend (i32.add (local.get $idx) (i32.shl (local.get $cnt) (i32.const 2))))
      (block $qe (loop $ql
        (br_if $qe (i32.gt_u (i32.add (local.get $ia) (i32.const 16)) (local.get $iend)))
${load4.join('\n')}
${tri.join('\n')}
          (local.set $ib (i32.add (local.get $ia) (i32.const 16)))
          (local.set $vb (i32.add (local.get $va) (i32.const 32)))
${restOfRows([0, 1, 2, 3], '          ')}
          (local.set $ia (i32.add (local.get $ia) (i32.const 16)))
          (local.set $va (i32.add (local.get $va) (i32.const 32)))
          (br $ql)))
      ;; the last rows one at a time
      (block $se (loop $sl
        (br_if $se (i32.ge_u (local.get $ia) (local.get $iend)))
        (local.set $v0 (f64.load (local.get $va)))
        (local.set $r0 (i32.add (local.get $G) (i32.mul (i32.load (local.get $ia)) (local.get $m))))
        (local.set $ib (local.get $ia))
        (local.set $vb (local.get $va))
${restOfRows([0], '        ')}
        (local.set $ia (i32.add (local.get $ia) (i32.const 4)))
        (local.set $va (i32.add (local.get $va) (i32.const 8)))
        (br $sl)))
      (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
      (br $pl)))
  )`;
}

export function generateWat(relaxed = false) {
  return `;; GENERATED by build.mjs — do not edit; change build.mjs and run \`npm run build:wasm\`.
;; laelab kernels: float64 gemm (MR=${MR} × NR=${NR} f64x2 micro-kernel${relaxed ? ' with relaxed-SIMD fused multiply-add' : ', mul + add'}),
;; float32 gemm32 (MR=${F32.MR} × NR=${F32.NR} f32x4; same blocking in elements;
;; KC=${KC}, MC=${MC}, NC=${NC}) and elementwise loops, over one shared linear memory imported from JavaScript.
(module
  (import "env" "memory" (memory 1 32768 shared))
  ;; blocking constants, read by the JavaScript side to size the scratch panels
  (global (export "MR") i32 (i32.const ${MR}))
  (global (export "NR") i32 (i32.const ${NR}))
  (global (export "NR32") i32 (i32.const ${F32.NR}))
  (global (export "KC") i32 (i32.const ${KC}))
  (global (export "MC") i32 (i32.const ${MC}))
  (global (export "NC") i32 (i32.const ${NC}))
${[F64, F32].map((T) => `${microKernel(relaxed, T)}
${packFunction('packA', T.MR, T)}
${packFunction('packB', T.NR, T)}
${helpers(T)}
${gemmDriver(T)}`).join('\n')}
${sparseGramFunction()}
${elementwise()}
)
`;
}

export async function assemble(wat, relaxed = false) {
  const { default: wabtInit } = await import('wabt');
  const wabt = await wabtInit();
  const mod = wabt.parseWat('kernels.wat', wat, { simd: true, threads: true, relaxed_simd: relaxed });
  try {
    const bytes = Buffer.from(mod.toBinary({ log: false, write_debug_names: false }).buffer);
    // wabt's own validate() ignores the feature flags (it rejects shared memories), so V8 validates
    // (the relaxed variant only where this engine has relaxed SIMD on)
    if (!relaxed && !WebAssembly.validate(bytes)) throw new Error('kernels.wasm: WebAssembly.validate failed');
    return bytes;
  } finally {
    mod.destroy();
  }
}

/** The generated files: name → contents. */
export async function buildAll() {
  const wat = generateWat(false);
  const relaxedWat = generateWat(true);
  return {
    'kernels.wat': wat,
    'kernels.wasm': await assemble(wat, false),
    'kernels-relaxed.wat': relaxedWat,
    'kernels-relaxed.wasm': await assemble(relaxedWat, true),
  };
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await buildAll();
  if (process.argv.includes('--check')) {
    const stale = Object.entries(files).filter(([name, content]) => {
      try {
        const have = readFileSync(join(here, name));
        return typeof content === 'string' ? have.toString('utf8') !== content : Buffer.compare(have, content) !== 0;
      } catch {
        return true;
      }
    });
    console.log(stale.length === 0 ? 'kernels*.wat and kernels*.wasm are up to date' : `stale: ${stale.map(([n]) => n).join(', ')}; run npm run build:wasm`);
    process.exit(stale.length === 0 ? 0 : 1);
  }
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(here, name), content);
    console.log(`wrote ${join(here, name)} (${content.length} ${typeof content === 'string' ? 'characters' : 'bytes'})`);
  }
}
