/** Who the patient is for classification: WHO T-score adults, Z-score adults, or children (ISCD 2019). */
export type Population = 'adult_t_score' | 'adult_z_score' | 'paediatric';
