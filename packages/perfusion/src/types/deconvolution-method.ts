/**
 * How the tissue curves are deconvolved with the arterial input: block-circulant SVD with an oscillation
 * index threshold per voxel (oSVD, delay-insensitive, the default), block-circulant SVD with a fixed threshold
 * (bSVD), standard truncated SVD of the lower-triangular convolution matrix (svd, delay-sensitive), or
 * Tikhonov-regularised inversion.
 */
export type DeconvolutionMethod = 'osvd' | 'bsvd' | 'svd' | 'tikhonov';
