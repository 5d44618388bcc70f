// Claims (报案) and damage assessments (定损, 追加定损): the claim's lifecycle and the versioned
// assessments the quoting and price-check steps work on.
export { claimRoutes } from './routes.ts';
export { applyClaimEvent, claimEventWrite, type ClaimEventResult } from './apply-claim-event.ts';
export { lockAssessment, lockAssessmentWithClaim, lockClaim, type LockedAssessment } from './lock-assessment.ts';
export { applyAssessmentEvent, type AssessmentEventResult } from './apply-assessment-event.ts';
export { claimStatuses, claimEvents, claimTransitions, transition, type ClaimStatus, type ClaimEvent, type TransitionResult } from './lifecycle.ts';
export { assessmentStatuses, assessmentEvents, assessmentTransition, type AssessmentStatus, type AssessmentEvent } from './assessment-lifecycle.ts';
export { claimReadScope, claimWriteScope, assertMayFileClaims } from './access.ts';
export { claim, assessment, assessmentLine } from './tables.ts';
export { ClaimDto, ClaimDetailDto, AssessmentDto, AssessmentLineDto } from './dto.ts';
