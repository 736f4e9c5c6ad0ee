/** The shape of a residue function R(t) (R(0) = 1, ∫R dt = MTT) in the digital phantom. */
export type ResidueShape = 'box' | 'exp' | 'gamma';
