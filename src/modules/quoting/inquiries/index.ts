// Inquiries (询价单) and sealed bids: quote lines no allowed offer could fill go out to suppliers,
// who bid until the deadline; the bids are then ranked by the same rules as offers.
export { openInquiries, MAX_INQUIRY_LINES, type InquiryLineInput, type OpenInquiriesInput, type OpenedInquiry } from './open-inquiries.ts';
export { inquiryRoutes } from './routes.ts';
export { closeDueInquiries, CLOSE_BATCH, effectiveState } from './state.ts';
export { DEADLINE_CHECK_MS, startInquiryDeadlineJob } from './deadline-job.ts';
export { mergeBidsIntoQuote, type MergeOutcome } from './merge-into-quote.ts';
export { withdrawLockedInquiry } from './withdraw-inquiry.ts';
export { bidsToCandidates, loadInquiryBids, rankInquiryBids, type BidForRanking } from './rank-bids.ts';
export { inquiryEvents, inquiryStatuses, inquiryTransitions, transition as inquiryTransition, type InquiryEvent, type InquiryState } from './lifecycle.ts';
export { MAX_INVITED_SUPPLIERS, type SupplierRing } from './suppliers.ts';
