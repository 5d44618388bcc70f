import { defineLifecycle } from '../../platform/lifecycle.ts';

// An assessment version's own lifecycle. Its lines may change only while it is a draft; quoting
// freezes them, and the price check approves them. A supplement is a new version, never a reopened
// one, so there is no way back.
export const assessmentStatuses = [
  // Being written by the insurer's adjuster; its lines can be replaced.
  'draft',
  // Quoted: lines frozen, offers ranked against them.
  'quoted',
  // Price-checked and approved (核价通过).
  'approved',
] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

export const assessmentEvents = ['quote', 'approve'] as const;
export type AssessmentEvent = (typeof assessmentEvents)[number];

export const assessmentLifecycle = defineLifecycle({
  name: 'assessment',
  states: assessmentStatuses,
  events: assessmentEvents,
  initial: ['draft'],
  terminal: ['approved'],
  transitions: {
    draft: { quote: 'quoted' },
    quoted: { approve: 'approved' },
    approved: {},
  },
});
export const assessmentTransitions = assessmentLifecycle.transitions;

export const assessmentTransition = assessmentLifecycle.transition;
