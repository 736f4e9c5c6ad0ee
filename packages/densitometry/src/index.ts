// @quantrad/densitometry — DXA bone density arithmetic. The one public entry point of the package.
export { assessExam, type AssessOptions } from './assess-exam.ts';
export {
  examInputSchema,
  siteMeasurementSchema,
  siteLabelSchema,
  clinicalSchema,
  fractureRiskSchema,
  excludedVertebraSchema,
  technicalNoteSchema,
  type ExamInput,
  type SiteMeasurement,
  type PriorExam,
  type ReferenceInput,
  type CrossCalibration,
  type ClinicalInput,
  type FractureRiskInput,
  type LscEntry,
  type Side,
} from './schema/exam-input.ts';
export {
  VERTEBRAE,
  vertebraeOf,
  labelOfVertebrae,
  isSpineComposite,
  type Vertebra,
} from './schema/site-label.ts';
export {
  defaultNoggThresholds,
  noggThresholdTableSchema,
  nhanes3HipReference,
  acrQctSpineCategories,
  iscdAdult,
  iscdPaediatric,
  type NoggThresholdTable,
} from './reference/reference-data.ts';
export {
  referenceFromTwoPairs,
  tScoreFromReference,
  type TScoreReference,
} from './reference/t-score-reference.ts';
export { precisionStudy, type PrecisionScan, type PrecisionResult } from './rules/precision.ts';
export {
  crossCalibrationFit,
  operatorPrecisionAcceptable,
  type CrossCalibrationFit,
  type CrossCalibrationScan,
} from './rules/cross-calibration.ts';
export { whoCategory, zScoreCategory, describeSite } from './rules/classify-bmd.ts';
export { qctSpineCategory } from './rules/qct-spine-category.ts';
export { noggThresholdsAt, categoriseProbability } from './rules/fracture-risk.ts';
export type { DxaAssessment } from './types/dxa-assessment.ts';
export type { ExamSummary } from './types/exam-summary.ts';
export type { AssessedSite } from './types/assessed-site.ts';
export type { BmdClassification, BmdCategory } from './types/bmd-classification.ts';
export type { SerialChange } from './types/serial-change.ts';
export type {
  FractureRiskResult,
  FractureRiskCategory,
  FractureRiskThresholds,
} from './types/fracture-risk-result.ts';
export type { FurtherInvestigationFlag, FlagCode } from './types/further-investigation-flag.ts';
export type { FollowUpBasis, FollowUpRecommendation } from './types/follow-up.ts';
export type { ExcludedVertebra } from './types/excluded-vertebra.ts';
export type { Population } from './types/population.ts';
export type { ScoreSource } from './types/score-source.ts';
export { ageInYears } from './rules/age.ts';
export {
  phantomBaseline,
  phantomControlChart,
  defaultPhantomQcRules,
  phantomQcRulesSchema,
  type PhantomBaseline,
  type PhantomPoint,
  type PhantomQcRules,
  type PhantomSignal,
  type PhantomSignalCode,
} from './rules/phantom-control.ts';
// QCT (ACR QCT IV-VI): spine, hip CTXA, population, serial comparison, phantom QC, muscle.
export {
  assessQctSpine,
  type QctSpineInput,
  type QctVertebraInput,
  type QctVertebraResult,
  type QctSpineAssessment,
} from './qct/assess-qct-spine.ts';
export { classifyQctSpine, type QctSpineClassification } from './qct/classify-qct-spine.ts';
export { qctPopulation, type QctPopulationDecision } from './qct/qct-population.ts';
export {
  assessCtxaHip,
  type CtxaSite,
  type CtxaSiteInput,
  type CtxaHipInput,
  type CtxaHipClassification,
  type CtxaHipAssessment,
} from './qct/assess-ctxa-hip.ts';
export {
  compareQctSerial,
  type QctUnit,
  type QctSerialValue,
  type QctPrecision,
  type QctSerialInput,
  type QctComparability,
  type QctSerialComparison,
} from './qct/compare-qct-serial.ts';
export {
  qctPhantomQc,
  type QctPhantomMeasurement,
  type QctPhantomBaseline,
  type QctPhantomQcPoint,
  type QctPhantomRodQc,
  type QctPhantomQcResult,
} from './qct/qct-phantom-qc.ts';
export { assessMuscle, type MuscleInput, type MuscleAssessment } from './qct/assess-muscle.ts';
export {
  cutPointsSchema,
  martin2013,
  prado2008,
  muscleCutPointSets,
  type MuscleCutPoints,
} from './qct/muscle-cut-points.ts';
export { qctSpineVertebrae, qctPhantomQcRules, qctMuscleReference } from './qct/qct-reference-data.ts';
export {
  bmdFromHu,
  type CalibrationMaterial,
  type CalibrationMethod,
  type CalibrationPoint,
  type CalibrationOutcome,
  type CalibrationScanner,
  type QctCalibration,
} from './qct/calibration/qct-calibration.ts';
export {
  qctPhantoms,
  phantomById,
  resolvePhantom,
  rodPoints,
  phantomDefinitionSchema,
  type PhantomDefinition,
  type QctPhantom,
  type ResolvedPhantom,
} from './qct/calibration/phantoms.ts';
export {
  defaultCalibrationLimits,
  calibrationLimitsSchema,
  defaultInternalCalibrationReference,
  internalCalibrationReferenceSchema,
  opportunisticL1Thresholds,
  type CalibrationLimits,
  type InternalCalibrationReference,
  type OpportunisticL1Thresholds,
} from './qct/calibration/calibration-data.ts';
export {
  calibrateFromPhantom,
  calibrateWithPhantom,
  type PhantomCalibrationOptions,
} from './qct/calibration/calibrate-from-phantom.ts';
export {
  storedCalibrationSchema,
  chooseAsynchronousCalibration,
  calibrationStability,
  type StoredCalibration,
  type AsynchronousExam,
  type AsynchronousChoice,
  type CalibrationLine,
  type CalibrationStability,
} from './qct/calibration/asynchronous.ts';
export {
  calibrateFromTissues,
  internalReferenceFromPairedScans,
  type TissueHu,
  type PhantomlessOptions,
  type PairedScan,
} from './qct/calibration/phantomless.ts';
export {
  opportunisticL1Screen,
  type OpportunisticBand,
  type OpportunisticL1Screen,
} from './qct/calibration/opportunistic-l1.ts';
