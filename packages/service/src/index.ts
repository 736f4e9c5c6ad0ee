export type { ServiceContext } from './context.ts';
export type { Actor } from './actor.ts';
export { actorFrom, entitlementFor, currentRoles } from './actor.ts';
export { authorise, ROLE_NAMES } from './authorise.ts';
export { ok, fail, type Outcome, type ServiceError, type ErrorCode } from './outcome.ts';
export { securityPolicy } from './reference/security-policy.ts';
export {
  defaultReferralCriteria,
  waitingTimes,
  type ReferralCriteria,
} from './reference/referral-criteria.ts';
export { hashPassword, verifyPassword, passwordProblem } from './security/password.ts';
export { newTotpSecret, totpCode, totpUri, totpValid } from './security/totp.ts';
export { signIn, completeSecondFactor, signOut, type SignInResult } from './security/sign-in.ts';
export { beginTotpEnrolment, confirmTotpEnrolment, type TotpEnrolment } from './security/totp-enrolment.ts';
export { actorForToken, openSession } from './security/session.ts';
export { createUser, type UserSummary } from './users/create-user.ts';
export { provisionUser } from './users/provision-user.ts';
export { signedInUser, type SignedInUser } from './users/signed-in-user.ts';
export { newUserSchema, entitlementInputSchema, type NewUser } from './users/user-input.ts';
export {
  getUser,
  listUsers,
  userListSchema,
  type EntitlementState,
  type EntitlementView,
  type UserDetail,
  type UserPage,
  type UserView,
} from './users/read-users.ts';
export {
  addEntitlement,
  deactivateUser,
  deactivateUserSchema,
  endEntitlement,
  endEntitlementSchema,
} from './users/change-user.ts';
export { matchReferralCriteria } from './referrals/match-criteria.ts';
export { registerReferral } from './referrals/register-referral.ts';
export {
  listReferrers,
  readReferralCriteria,
  referrerListSchema,
  type ReferrerView,
} from './referrals/list-referrers.ts';
export { authoriseReferral, returnReferral, cancelReferral } from './referrals/decide-referral.ts';
export {
  listReferrals,
  getReferral,
  referralListSchema,
  type Page,
  type ReferralListEntry,
} from './referrals/read-referrals.ts';
export { referralView, type ReferralView, type WaitingClock } from './referrals/referral-view.ts';
export { newReferralSchema, patientInputSchema, type NewReferral } from './referrals/referral-input.ts';
export {
  registerScanner,
  recordDailyQc,
  dailyQcPassed,
  listScanners,
  type ScannerStatus,
  newScannerSchema,
  dailyQcSchema,
} from './scanners/scanner-use-cases.ts';
export { bookAppointment, type BookedAppointment } from './appointments/book-appointment.ts';
export {
  cancelAppointment,
  rebookAppointment,
  recordDidNotAttend,
  sendDueReminders,
  type DidNotAttendResult,
} from './appointments/change-appointment.ts';
export {
  bookAppointmentSchema,
  cancelAppointmentSchema,
  rebookAppointmentSchema,
  didNotAttendSchema,
} from './appointments/appointment-input.ts';
export { appointmentPolicy } from './reference/appointment-policy.ts';
export { ukDateTime } from './appointments/appointment-letter.ts';
export { listAppointments, appointmentListSchema } from './appointments/list-appointments.ts';
export { getBookingDetail, type BookingDetail } from './appointments/booking-detail.ts';
export type { PatientLeafletDocument, QuestionnaireDocument } from './appointments/patient-documents.ts';
export { boneHealthQuestionnaire, patientLeaflet } from './reference/patient-documents.ts';
export { recordScanVisit } from './visits/record-scan-visit.ts';
export { scanVisitSchema, type ScanVisitInput } from './visits/scan-visit-input.ts';
export { dayList, dayListSchema, type DayList, type DayListEntry } from './visits/day-list.ts';
export { visitResults, type VisitResults } from './results/visit-results.ts';
export { enterDxaResults, setScannerLsc, type DxaResult } from './results/enter-dxa-results.ts';
export { dxaResultsSchema, scannerLscSchema, type DxaResultsInput } from './results/results-input.ts';
export {
  draftDxaReport,
  reviseDxaReport,
  signDxaReport,
  amendDxaReport,
  renderServiceReport,
  setReporterProfile,
  setServiceDetails,
  type ReportSummary,
} from './reports/report-use-cases.ts';
export { issueReport, reportCopies, type IssuedReport, type ReportCopy } from './reports/issue-report.ts';
export { listReportWorklist, reportWorklistSchema } from './reports/report-worklist.ts';
export { reportVersions, type ReportVersions, type ReportVersionEntry } from './reports/report-versions.ts';
export { recordRegisteredGp, registeredGpSchema } from './patients/registered-gp.ts';
export {
  draftReportSchema,
  reviseReportSchema,
  amendReportSchema,
  reporterProfileSchema,
  serviceDetailsSchema,
  type DraftReportInput,
} from './reports/report-input.ts';
export {
  recordFurtherInvestigation,
  furtherInvestigationSchema,
  recommendFromFlags,
} from './investigations/further-investigations.ts';
export { importDxaResultsCsv, importResultsCsvSchema } from './results/import-results-csv.ts';
export { sitesFromVendorCsv } from './results/vendor-csv-sites.ts';
export {
  closeAlertSchema,
  closeQaAlert,
  phantomBaselineSchema,
  phantomChart,
  phantomScanSchema,
  recordPhantomScan,
  setPhantomBaseline,
  type PhantomChart,
  type PhantomScanResult,
} from './qa/phantom-qa.ts';
export {
  listPrecisionStudies,
  precisionStudySchema,
  recordPrecisionStudy,
  type ListedPrecisionStudy,
  type OperatorPrecision,
  type PrecisionStudyOutcome,
} from './qa/precision-studies.ts';
export {
  commissioningCheckSchema,
  commissioningState,
  recordCommissioningCheck,
  releaseScanner,
  releaseScannerSchema,
  startCommissioning,
  startCommissioningSchema,
  type CommissioningItemState,
  type CommissioningState,
} from './qa/commissioning.ts';
export {
  crossCalibrationSchema,
  listCrossCalibrations,
  recordCrossCalibration,
} from './qa/cross-calibration.ts';
export {
  handOverSchema,
  handOverToEngineer,
  logMaintenance,
  maintenanceEntrySchema,
  maintenanceLog,
  receiveBackSchema,
  receiveFromEngineer,
} from './qa/maintenance-log.ts';
export {
  addAncillaryEquipment,
  ancillaryEquipmentSchema,
  calibrationCheckSchema,
  calibrationStatus,
  listAncillaryEquipment,
  recordCalibrationCheck,
  type CalibrationState,
  type CalibrationStatus,
} from './qa/ancillary-equipment.ts';
export { drawAuditSample, sampleSize } from './audit-programme/audit-sample.ts';
export { drawMonthlySample, type DrawnSample } from './audit-programme/audit-samples.ts';
export {
  addAuditAction,
  addFinding,
  closeAudit,
  closeAuditAction,
  createAudit,
} from './audit-programme/audits.ts';
export { getAudit, listAudits, listAuditTypes, type AuditView } from './audit-programme/audit-reads.ts';
export {
  AUDIT_TRAIL_READERS,
  auditTrailQuerySchema,
  auditVerificationQuerySchema,
  searchAuditTrail,
  verifyAuditTrail,
  type AuditTrailPage,
  type AuditVerificationStretch,
} from './audit/audit-trail.ts';
export type { AuditMeasures, ReportCompliance, WaitMeasure } from './audit-programme/audit-measures.ts';
export {
  analyseIncident,
  closeIncident,
  getIncident,
  listIncidents,
  reportIncident,
} from './audit-programme/incidents.ts';
export {
  auditActionSchema,
  closeActionSchema,
  closeAuditSchema,
  drawSampleSchema,
  findingSchema,
  incidentAnalysisSchema,
  newAuditSchema,
  newIncidentSchema,
} from './audit-programme/audit-input.ts';
export { auditProgramme, incidentCauses } from './reference/audit-programme.ts';
export { staffTrainingPolicy } from './reference/staff-training-policy.ts';
export {
  addMonths,
  expiryFor,
  trainingRequiredFor,
  trainingShortfalls,
  type TrainingShortfall,
} from './staff/training-requirements.ts';
export {
  recordTraining,
  recordCpd,
  recordLocalRulesRead,
  trainingRecordSchema,
  cpdEntrySchema,
  localRulesReadSchema,
} from './staff/record-training.ts';
export { listTraining, type StaffTrainingView, type TrainingEntry } from './staff/read-training.ts';
export {
  trainingLapses,
  trainingLapsesQuerySchema,
  type TrainingLapse,
  type TrainingLapseReport,
} from './staff/training-lapses.ts';
export {
  SERVICE_DATA_MAX_DAYS,
  serviceData,
  serviceDataRangeSchema,
  type ServiceData,
} from './service-data/service-data.ts';
export type { ServiceMeasure, ServiceDataSection } from './service-data/service-data-measures.ts';
export { serviceDataCsv, serviceDataCsvFilename } from './service-data/service-data-csv.ts';
