// The insurer's rules (the procurement policy and the price guide): their API, and the loader the
// quote command reads them with.
export { insurerRulesRoutes } from './routes.ts';
export { loadInsurerRules, MAX_GUIDE_ENTRIES_LOADED, MAX_RULE_PARTS, type InsurerRules, type RulesScope } from './load-rules.ts';
export { DEFAULT_POLICY, DEFAULT_POLICY_JSON } from './default-policy.ts';
export { guideKeyOf, type GuideTarget } from './guide-entry.ts';
