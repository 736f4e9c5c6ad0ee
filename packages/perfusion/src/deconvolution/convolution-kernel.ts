/**
 * The discretised arterial kernel g of the convolution Ct(t_i) = Σ_{j=0}^{i} g_{i−j} · k(t_j) on a uniform
 * grid of step dtS, written into `out` (length ≥ the arterial curve's, the rest zeroed).
 *
 * Discretisation: rectangular, g_n = dt · Ca(t_n) (Østergaard L et al. Magn Reson Med 1996;36:715-725, the
 * simple form in Fieselmann A et al. Int J Biomed Imaging 2011:467563). The piecewise-linear form
 * (g_n = dt·(Ca_{n−1} + 4Ca_n + Ca_{n+1})/6, Sourbron 2007) was tried on the synthetic curves of
 * test/deconvolution-synthetic.ts: it overestimated CBF by up to 19% for a gamma residue at a low threshold
 * (its hat at k(0) reaches before the arrival), where the rectangular form stayed within 6%, so the
 * rectangular form is used. Both keep the area: Σg = dt·ΣCa.
 */
export function arterialKernel(aifDeltaHu: ArrayLike<number>, dtS: number, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < aifDeltaHu.length; i++) out[i] = dtS * (aifDeltaHu[i] ?? 0);
}
